import { RUN_TRANSITIONS, RunEvent, RunStatus, decideRun } from './reconciliation-run.decider';

const STATUSES: readonly RunStatus[] = ['requested', 'fetched', 'reconciled', 'failed'];
const EVENTS: Readonly<Record<string, RunEvent>> = {
  'PartStored (more to come)': { type: 'PartStored', complete: false },
  'PartStored (the last)': { type: 'PartStored', complete: true },
  FetchFailed: { type: 'FetchFailed' },
  DayReconciled: { type: 'DayReconciled' },
};

/** Every event in every status: the status after it, `ignored` (too late) or `refused`. */
const EXPECTED: Readonly<Record<RunStatus, Readonly<Record<string, RunStatus | 'ignored' | 'refused'>>>> = {
  requested: { 'PartStored (more to come)': 'requested', 'PartStored (the last)': 'fetched', FetchFailed: 'failed', DayReconciled: 'refused' },
  fetched: { 'PartStored (more to come)': 'ignored', 'PartStored (the last)': 'ignored', FetchFailed: 'ignored', DayReconciled: 'reconciled' },
  reconciled: { 'PartStored (more to come)': 'ignored', 'PartStored (the last)': 'ignored', FetchFailed: 'ignored', DayReconciled: 'refused' },
  failed: { 'PartStored (more to come)': 'ignored', 'PartStored (the last)': 'ignored', FetchFailed: 'ignored', DayReconciled: 'refused' },
};

const cases = STATUSES.flatMap((status) => Object.keys(EVENTS).map((event) => [status, event, EXPECTED[status][event]] as const));

describe('a reconciliation run', () => {
  it('has a rule for every event in every status', () => {
    for (const status of STATUSES) expect(Object.keys(RUN_TRANSITIONS[status]).sort()).toEqual(['DayReconciled', 'FetchFailed', 'PartStored']);
  });

  it.each(cases)('in status %s, told %s, becomes %s', (status, event, outcome) => {
    const decide = () => decideRun(status, EVENTS[event]);
    if (outcome === 'refused') {
      expect(decide).toThrow(expect.objectContaining({ code: 'RECONCILIATION.INVALID_TRANSITION' }));
      return;
    }
    expect(decide()).toEqual(outcome === 'ignored' ? { status, changed: false } : { status: outcome, changed: true });
  });
});
