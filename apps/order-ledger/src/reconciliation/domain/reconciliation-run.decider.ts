import { ReconciliationError } from './reconciliation.errors';

/** Where a reconciliation run of one provider's day stands. */
export type RunStatus =
  /** Asked of checkout; parts of the provider's report may have come in, not all yet. */
  | 'requested'
  /** Every part is in; the day is being reconciled. */
  | 'fetched'
  /** Matched, booked and its discrepancies recorded. */
  | 'reconciled'
  /** The provider refused the fetch, or its parts disagree with each other; a new run may be asked for. */
  | 'failed';

export type RunEvent =
  /** A part of the report is stored; `complete` once every part of the run is. */
  | { readonly type: 'PartStored'; readonly complete: boolean }
  /** The provider refused or failed the fetch (a part with `error`), or the parts disagree on their count. */
  | { readonly type: 'FetchFailed' }
  /** Matched, booked and its discrepancies recorded. */
  | { readonly type: 'DayReconciled' };

type Rule = RunStatus | 'by-completeness' | 'ignored' | 'refused';

/**
 * Every event in every status. A part that arrives after its run ended (a redelivered report) is
 * ignored; reconciling twice, or before the report is in, is refused.
 */
export const RUN_TRANSITIONS: Readonly<Record<RunStatus, Readonly<Record<RunEvent['type'], Rule>>>> = {
  requested: { PartStored: 'by-completeness', FetchFailed: 'failed', DayReconciled: 'refused' },
  fetched: { PartStored: 'ignored', FetchFailed: 'ignored', DayReconciled: 'reconciled' },
  reconciled: { PartStored: 'ignored', FetchFailed: 'ignored', DayReconciled: 'refused' },
  failed: { PartStored: 'ignored', FetchFailed: 'ignored', DayReconciled: 'refused' },
};

export interface RunDecision {
  readonly status: RunStatus;
  /** False when the event came too late to change anything. */
  readonly changed: boolean;
}

export function decideRun(status: RunStatus, event: RunEvent): RunDecision {
  const rule = RUN_TRANSITIONS[status][event.type];
  if (rule === 'refused') throw new ReconciliationError('RECONCILIATION.INVALID_TRANSITION', `a ${status} run cannot take ${event.type}`);
  if (rule === 'ignored') return { status, changed: false };
  if (rule === 'by-completeness') return { status: event.type === 'PartStored' && event.complete ? 'fetched' : 'requested', changed: true };
  return { status: rule, changed: true };
}
