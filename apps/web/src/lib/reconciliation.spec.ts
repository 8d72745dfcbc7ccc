import { ApiError } from '../api/http';
import { ReconciliationRun } from '../api/types';
import {
  discrepanciesPath, discrepancyDifference, followRun, isRunFinished, isSettlementDay, isTransient, reportCsvFilename, reportPagePath, reportPath, runPath, runsPath,
  sleep, utcDay,
} from './reconciliation';

const run = (status: ReconciliationRun['status'], extra: Partial<ReconciliationRun> = {}): ReconciliationRun => ({
  runId: '6f1c2b9e-0000-4000-8000-000000000001', provider: 'stripe', date: '2026-12-04', trigger: 'admin', status, error: null,
  requestedAt: '2026-12-04T10:00:00.000Z', fetchedAt: null, reconciledAt: null, failedAt: null,
  matchedLines: null, journalsBooked: null, openDiscrepancies: null, resolvedDiscrepancies: null, ...extra,
});

describe('settlement days', () => {
  it('is the UTC day of an instant, whatever the local zone', () => {
    expect(utcDay(new Date('2026-12-04T23:59:59.999Z'))).toBe('2026-12-04');
    expect(utcDay(new Date('2026-12-05T00:00:00+05:30'))).toBe('2026-12-04');
  });

  it.each([
    ['2026-12-04', true], ['2024-02-29', true], ['2026-02-29', false], ['2026-13-01', false], ['2026-1-04', false], ['', false], ['2026-12-04T00:00', false],
  ])('%s is a calendar day: %s', (text, day) => {
    expect(isSettlementDay(text)).toBe(day);
  });
});

describe('the reconciliation API paths', () => {
  it('asks for runs with the filters set only', () => {
    expect(runsPath({ provider: '', date: '' })).toBe('/api/admin/reconciliation/runs?limit=50');
    expect(runsPath({ provider: 'stripe', date: '2026-12-04' }, 10)).toBe('/api/admin/reconciliation/runs?provider=stripe&date=2026-12-04&limit=10');
    expect(runPath('abc')).toBe('/api/admin/reconciliation/runs/abc');
  });

  it('asks for open discrepancies unless another status is chosen', () => {
    expect(discrepanciesPath({ provider: '', date: '', kind: '', status: '' })).toBe('/api/admin/reconciliation/discrepancies?status=open&limit=500');
    expect(discrepanciesPath({ provider: 'cashfree', date: '2026-12-01', kind: 'amount-mismatch', status: 'all' }))
      .toBe('/api/admin/reconciliation/discrepancies?provider=cashfree&date=2026-12-01&kind=amount-mismatch&status=all&limit=500');
  });

  it("names a day's report, its CSV, the file it is saved as and its page", () => {
    expect(reportPath('stripe', '2026-12-04')).toBe('/api/admin/reconciliation/reports/stripe/2026-12-04');
    expect(reportPath('cashfree', '2026-12-04', 'csv')).toBe('/api/admin/reconciliation/reports/cashfree/2026-12-04?format=csv');
    expect(reportCsvFilename('stripe', '2026-12-04')).toBe('reconciliation-stripe-2026-12-04.csv');
    expect(reportPagePath('cashfree', '2026-11-30')).toBe('/console/reconciliation/cashfree/2026-11-30');
  });
});

describe('a discrepancy', () => {
  it('differs by what the provider settled minus what the ledger holds, when both are known', () => {
    expect(discrepancyDifference(-2500, -2000)).toBe(-500);
    expect(discrepancyDifference(4999, null)).toBeNull();
    expect(discrepancyDifference(null, 4999)).toBeNull();
  });
});

describe('following a run', () => {
  const immediately = () => Promise.resolve();

  it('ends with the run reconciled or failed', () => {
    expect(['requested', 'fetched', 'reconciled', 'failed'].map((status) => isRunFinished({ status: status as ReconciliationRun['status'] }))).toEqual([false, false, true, true]);
  });

  it('reads the run until it ends, telling every state', async () => {
    const states = [run('fetched'), run('reconciled', { matchedLines: 3, openDiscrepancies: 0 })];
    const read = jest.fn(async () => states.shift() as ReconciliationRun);
    const seen: string[] = [];
    const ended = await followRun(run('requested'), { read, onUpdate: (state) => seen.push(state.status), wait: immediately });
    expect(ended).toMatchObject({ status: 'reconciled', openDiscrepancies: 0 });
    expect(seen).toEqual(['requested', 'fetched', 'reconciled']);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('does not read a run that has ended already', async () => {
    const read = jest.fn();
    await expect(followRun(run('failed', { error: 'PROVIDER.UNAVAILABLE' }), { read, onUpdate: () => undefined, wait: immediately })).resolves.toMatchObject({ status: 'failed' });
    expect(read).not.toHaveBeenCalled();
  });

  it('waits out an unreachable gateway or an outage, and stops at any other refusal', async () => {
    const answers: (ReconciliationRun | ApiError)[] = [new ApiError(0, 'NETWORK.UNREACHABLE', 'down'), new ApiError(503, 'SERVICE.UNAVAILABLE', 'down'), run('reconciled')];
    const read = async () => {
      const next = answers.shift() as ReconciliationRun | ApiError;
      if (next instanceof ApiError) throw next;
      return next;
    };
    const transient: unknown[] = [];
    await expect(followRun(run('requested'), { read, onUpdate: () => undefined, onTransientError: (failure) => transient.push(failure), wait: immediately })).resolves.toMatchObject({ status: 'reconciled' });
    expect(transient).toHaveLength(2);

    const notFound = new ApiError(404, 'RECONCILIATION.NOT_FOUND', 'no run');
    await expect(followRun(run('requested'), { read: () => Promise.reject(notFound), onUpdate: () => undefined, wait: immediately })).rejects.toBe(notFound);
    expect([isTransient(notFound), isTransient(new Error('x')), isTransient(new ApiError(502, 'SERVICE.UNAVAILABLE', ''))]).toEqual([false, false, true]);
  });

  it('stops waiting once aborted', async () => {
    const aborter = new AbortController();
    const read = jest.fn();
    const following = followRun(run('requested'), { read, onUpdate: () => undefined, signal: aborter.signal, intervalMs: 60_000 });
    aborter.abort();
    await expect(following).rejects.toMatchObject({ name: 'AbortError' });
    expect(read).not.toHaveBeenCalled();
    await expect(sleep(1, aborter.signal)).rejects.toMatchObject({ name: 'AbortError' });
    await expect(sleep(1)).resolves.toBeUndefined();
  });
});
