import { ChaosSummary, runChaos, summaryLines } from '@payments/chaos';

/**
 * The chaos run small enough for every change: 60 orders and 4 plan subscribers on each provider
 * (renewing, failing then recovering, cancelled at period end, never paying), each service process
 * SIGKILLed once, the broker restarted once.
 */
describe('the system under chaos', () => {
  let summary: ChaosSummary;

  beforeAll(async () => {
    summary = await runChaos({
      orders: 60,
      stripeSubscriptions: 4,
      cashfreeSubscriptions: 4,
      durationSeconds: 30,
      kills: 1,
      brokerRestarts: 1,
      settleTimeoutSeconds: 240,
      portBase: Number(process.env.CHAOS_PORT_BASE ?? 25000),
      kafkaPort: Number(process.env.CHAOS_KAFKA_PORT ?? 29392),
      log: () => undefined,
    });
    process.stdout.write(`${summaryLines(summary).join('\n')}\n`);
  }, 20 * 60_000);

  it('injected every fault it planned and every process came back', () => {
    expect(summary).toMatchObject({ kills: 7, brokerRestarts: 1, faultProblems: 0, unsettled: 0 });
  });

  it('loses no payment: every order paid in the sandbox is paid in order-ledger and in the gateway, and granted', () => {
    expect(summary.paid).toBeGreaterThan(0);
    expect(summary).toMatchObject({ lost: 0, notPaidInLedger: 0, notPaidInGateway: 0, missingGrants: 0 });
  });

  it('grants exactly once per paid order and never for an unpaid one', () => {
    expect(summary).toMatchObject({ duplicatedGrants: 0, grantsForUnpaid: 0 });
  });

  it('keeps the books: every journal and currency balances, invoice numbers have no gaps', () => {
    expect(summary).toMatchObject({ unbalancedJournals: 0, unbalancedCurrencies: 0, invoiceGaps: 0 });
  });

  it('dead-letters nothing and leaves nothing unpublished, parked or undelivered', () => {
    expect(summary).toMatchObject({ deadLetters: 0, unpublishedOutboxRows: 0, parkedMessages: 0, failedWebhooks: 0 });
  });

  it('subscribes on both providers, pays renewals, recovers a failed one and ends the cancelled ones', () => {
    expect(summary.subscriptions).toMatchObject({ placedStripe: 4, placedCashfree: 4 });
    expect(summary.subscriptions.paidStripe).toBeGreaterThan(0);
    expect(summary.subscriptions.paidCashfree).toBeGreaterThan(0);
    expect(summary.subscriptions.renewalsPaid).toBeGreaterThan(0);
    expect(summary.subscriptions.ended).toBeGreaterThan(0);
  });

  it('grants each paid subscription once, extends it once per renewal, keeps it valid to the last paid period plus the grace, revokes the ended ones once, and books each period once', () => {
    expect(summary.subscriptions.violationsBySubscription).toEqual({});
    expect(summary.subscriptionViolations).toBe(0);
  });
});
