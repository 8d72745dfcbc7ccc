import type { SystemFindings } from './chaos-checks';
import { RunRecord, failedChecks, summarize, summaryLines } from './chaos-summary';

const findings = (change: Partial<SystemFindings> = {}): SystemFindings => ({
  paidInSandbox: new Set(['a', 'b', 'c']),
  ledgerStatus: new Map([['a', 'Paid'], ['b', 'Paid'], ['c', 'Paid'], ['d', 'Pending']]),
  gatewayStatus: new Map([['a', 'paid'], ['b', 'paid'], ['c', 'paid'], ['d', 'pending']]),
  grantsByOrder: new Map([['a', 1], ['b', 1], ['c', 1]]),
  unbalancedJournals: 0,
  unbalancedCurrencies: [],
  invoiceGaps: 0,
  deadLettersByTopic: {},
  unpublishedOutboxRows: 0,
  parkedMessages: 0,
  failedWebhooks: 0,
  ...change,
});

const run = (change: Partial<RunRecord> = {}): RunRecord => ({
  seed: 1,
  outcomes: [],
  faults: [{ kind: 'kill', target: 'checkout#1', atMs: 5_000, hitAtMs: 5_000, recoveredAtMs: 9_000 }],
  findings: findings(),
  settle: { settledAt: 40_000, last: { lagByGroup: {}, unpublishedOutboxRows: 0, parkedMessages: 0, pendingWebhooks: 0 } },
  loadStartedAt: 0,
  loadEndedAt: 30_000,
  ...change,
});

describe('the chaos summary', () => {
  it('passes a run where every paid order is paid everywhere and granted once', () => {
    const summary = summarize(run());
    expect(summary).toMatchObject({ paid: 3, lost: 0, duplicatedGrants: 0, secondsFromLastFaultToSettled: 35, secondsFromLoadEndToSettled: 10 });
    expect(failedChecks(summary)).toEqual([]);
    expect(summaryLines(summary).at(-2)).toMatch(/PASS/);
    expect(JSON.parse(summaryLines(summary).at(-1) as string)).toMatchObject({ chaos: { lost: 0 } });
  });

  it('counts an order lost once however many places miss it', () => {
    const summary = summarize(run({
      findings: findings({
        ledgerStatus: new Map([['a', 'Pending'], ['b', 'Paid'], ['c', 'Paid']]),
        gatewayStatus: new Map([['a', 'pending'], ['b', 'pending'], ['c', 'paid']]),
      }),
    }));
    expect(summary).toMatchObject({ lost: 2, notPaidInLedger: 1, notPaidInGateway: 2, missingGrants: 0 });
  });

  it('counts grants beyond the first, and grants for orders never paid', () => {
    const summary = summarize(run({ findings: findings({ grantsByOrder: new Map([['a', 3], ['b', 1], ['c', 1], ['d', 1]]) }) }));
    expect(summary).toMatchObject({ duplicatedGrants: 2, grantsForUnpaid: 1 });
    expect(failedChecks(summary)).toEqual(['duplicatedGrants', 'grantsForUnpaid']);
  });

  it('fails a run that never settled and says which groups were behind', () => {
    const summary = summarize(run({ settle: { last: { lagByGroup: { 'order-ledger': 7 }, unpublishedOutboxRows: 0, parkedMessages: 0, pendingWebhooks: 0 } } }));
    expect(summary).toMatchObject({ unsettled: 1, secondsFromLastFaultToSettled: null, lagAtDeadline: { 'order-ledger': 7 } });
    expect(failedChecks(summary)).toEqual(['unsettled']);
  });

  it('sums dead letters over the dead-letter topics', () => {
    const summary = summarize(run({ findings: findings({ deadLettersByTopic: { 'payments.provider-events.dlq': 2, 'orders.events.dlq': 1 } }) }));
    expect(summary.deadLetters).toBe(3);
  });
});
