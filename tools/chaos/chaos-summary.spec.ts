import type { SystemFindings } from './chaos-checks';
import { planSubscriptions } from './chaos-plan';
import type { SubscriptionOutcome } from './chaos-subscription-load';
import type { SubscriptionFacts } from './chaos-subscription-verdicts';
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

const GRACE = 1_000;
const DAY = 86_400_000;

/** A subscription paid `periods` times, told, shown and booked as it should be; ended or not. */
function subscription(subscriptionId: string, periods: number, ended = false): SubscriptionFacts {
  const ends = Array.from({ length: periods }, (_, period) => (period + 1) * 30 * DAY);
  return {
    subscriptionId,
    provider: 'stripe',
    atProvider: { status: ended ? 'ended' : 'active', paid: ends.map((periodEnd, period) => ({ paymentId: `${subscriptionId}-in-${period}`, periodEnd })) },
    books: ends.map((periodEnd, period) => ({ paymentId: `${subscriptionId}-in-${period}`, periodsRecorded: 1, periodEnd, invoices: 1, journals: 1, unbalancedJournals: 0 })),
    feed: [...ends.map((periodEnd) => ({ kind: 'paid' as const, periodEnd })), ...(ended ? [{ kind: 'ended' as const }] : [])],
    lms: { grants: [ends[0] + GRACE], extensions: ends.slice(1).map((periodEnd) => periodEnd + GRACE), suspensions: 0, revokes: ended ? 1 : 0 },
    gateway: {
      subscription: { status: ended ? 'ended' : 'active', periodsPaid: periods, paidThrough: ends.at(-1) },
      access: { status: ended ? 'revoked' : 'active', validUntil: (ends.at(-1) as number) + GRACE },
    },
  };
}

const subscriptionOutcomes: SubscriptionOutcome[] = planSubscriptions({ stripeSubscriptions: 2, cashfreeSubscriptions: 1, durationSeconds: 30, seed: 1, runId: 'run' })
  .map((planned, index) => ({ planned, subscriptionId: `s${index}`, subscribeMs: 1_500, stepsDone: [] }));

const run = (change: Partial<RunRecord> = {}): RunRecord => ({
  seed: 1,
  outcomes: [],
  subscriptionOutcomes: [],
  subscriptionFacts: [],
  graceMs: GRACE,
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

  it('counts subscriptions beside the orders and passes when each is granted, extended, revoked and booked as paid', () => {
    const summary = summarize(run({ subscriptionOutcomes, subscriptionFacts: [subscription('s0', 3), subscription('s1', 2, true), { ...subscription('s2', 1), provider: 'cashfree' }] }));
    expect(summary.subscriptions).toMatchObject({
      placed: 3, placedStripe: 2, placedCashfree: 1, opened: 3, paid: 3, paidStripe: 2, paidCashfree: 1, active: 2, ended: 1, renewalsPaid: 3, grants: 3, extensions: 3, revokes: 1, wrong: 0,
    });
    expect(failedChecks(summary)).toEqual([]);
    expect(summaryLines(summary)[2]).toMatch(/^ {2}subscriptions {7}3 placed \(2 Stripe, 1 Cashfree\), 3 opened, 3 paid in the sandbox \(2 \+ 1\): 2 active, 1 ended; 3 renewals paid/);
  });

  it('fails a run with a wrong subscription and names what is wrong by its id', () => {
    const doubled = { ...subscription('s0', 2), lms: { grants: [30 * DAY + GRACE, 30 * DAY + GRACE], extensions: [], suspensions: 0, revokes: 0 } };
    const summary = summarize(run({ subscriptionOutcomes, subscriptionFacts: [doubled, subscription('s1', 1)] }));
    expect(summary).toMatchObject({ subscriptionViolations: 1, subscriptions: { violationsBySubscription: { s0: expect.arrayContaining(['granted 2 times (1 expected)']) } } });
    expect(failedChecks(summary)).toEqual(['subscriptionViolations']);
    expect(summaryLines(summary)).toContainEqual(expect.stringMatching(/^ {4}s0: granted 2 times \(1 expected\); extended 0 times for 1 renewals/));
    expect(summaryLines(summary).at(-2)).toMatch(/FAIL: subscriptionViolations/);
  });

  it('lists the subscribers whose plan stopped short, without failing the run for them', () => {
    const stopped = [{ ...subscriptionOutcomes[0], subscriptionId: undefined, problem: 'the gateway never answered with a subscription' }];
    const summary = summarize(run({ subscriptionOutcomes: stopped }));
    expect(summary.subscriptions).toMatchObject({ opened: 0, stepsNotTaken: 1, problemsBySubscription: { 'subscriber-0': 'the gateway never answered with a subscription' } });
    expect(failedChecks(summary)).toEqual([]);
  });
});
