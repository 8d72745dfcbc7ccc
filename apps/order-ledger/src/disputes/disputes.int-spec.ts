import { randomUUID } from 'node:crypto';
import { Envelope, Topics } from '@payments/contracts';
import { eventually } from '@payments/testing';
import { OrderLedgerUnderTest, startOrderLedger } from '../order-ledger-app.fixture';
import { DISPUTED_AMOUNT, checkoutOpened, disputeActionCompleted, disputeReported, paymentSucceeded, stripeOrder } from './dispute-messages.fixture';

type Stage = 'opened' | 'updated' | 'won' | 'lost';
/** A report in a scenario: its stage, and `again` for another provider event of the same stage (Stripe sends created and funds_withdrawn). */
type Step = Stage | `${Stage}:again`;

describe('order-ledger: disputes from the provider to the ledger and orders.events', () => {
  let ledger: OrderLedgerUnderTest;

  beforeAll(async () => {
    ledger = await startOrderLedger({});
  });

  afterAll(async () => {
    await ledger?.stop();
  });

  /** Waits until order-ledger's consumer took every one of `messages` (its inbox has them all). */
  const consumed = (messages: readonly Envelope[]) => eventually(async () => {
    const { rows } = await ledger.db.query(`SELECT count(DISTINCT message_id)::int AS n FROM order_ledger.inbox WHERE message_id = ANY($1::uuid[])`, [messages.map((m) => m.id)]);
    return rows[0].n === messages.length ? true : undefined;
  }, 30_000, 'every message consumed');

  const journalsOf = async (orderId: string) => {
    const { rows } = await ledger.db.query(
      `SELECT journal_id, currency, sum(amount_minor)::int AS total, count(*)::int AS lines FROM order_ledger.ledger_postings WHERE order_id = $1 GROUP BY journal_id, currency ORDER BY journal_id`,
      [orderId],
    );
    return rows as { journal_id: string; currency: string; total: number; lines: number }[];
  };
  const accountTotals = async (orderId: string) => {
    const { rows } = await ledger.db.query(
      `SELECT account, sum(amount_minor)::int AS total FROM order_ledger.ledger_postings WHERE order_id = $1 GROUP BY account ORDER BY account`, [orderId],
    );
    return Object.fromEntries(rows.map((row) => [row.account, row.total]));
  };
  const stagesPublished = (orderId: string) => ledger.about(orderId).filter((m) => m.type === 'OrderDisputeChanged').map((m) => (m.payload as { stage: string }).stage);
  const disputesOf = async (orderId: string) => (await fetch(`${ledger.baseUrl}/orders/${orderId}/disputes`)).json() as Promise<{ disputes: { stage: string; actions: unknown[] }[] }>;

  /** A Stripe order paid, then the dispute's reports naming only the payment (as Stripe's do), all on one partition in this order (the payment's CheckoutOpened on its own topic). */
  async function disputeScenario(steps: readonly Step[], paymentFirst = true) {
    const order = stripeOrder();
    const reports = steps.map((step) => {
      const [stage, again] = step.split(':') as [Stage, string?];
      return disputeReported(stage, { paymentId: order.paymentId }, again ? { providerEventId: `evt_${stage}_again_${order.paymentId}` } : {});
    });
    const payment = paymentSucceeded(order.orderId, order.paymentId);
    const onPartition = paymentFirst ? [payment, ...reports] : [...reports, payment];
    await ledger.kafka.publish(Topics.providerEvents, onPartition, 0);
    await ledger.kafka.publish(Topics.checkoutEvents, [checkoutOpened(order.orderId)]);
    await consumed(onPartition);
    await eventually(async () => ((await ledger.streamTypes(order.orderId)).includes('OrderPaid') ? true : undefined), 30_000, 'the order paid');
    return order;
  }

  it.each<[string, Step[], 'won' | 'lost']>([
    ['opened then won', ['opened', 'won'], 'won'],
    ['won before opened', ['won', 'opened'], 'won'],
    ['opened twice (two provider events), updated, won twice (one delivered again)', ['opened', 'opened:again', 'updated', 'won', 'won'], 'won'],
    ['won twice before opened', ['won', 'won:again', 'opened'], 'won'],
    ['opened then lost', ['opened', 'lost'], 'lost'],
    ['lost before opened, opened delivered twice', ['lost', 'opened', 'opened'], 'lost'],
    ['won, then a late lost', ['opened', 'won', 'lost'], 'won'],
    ['lost, then a late won', ['lost', 'won'], 'lost'],
  ])('%s: one journal each, the books balanced, OrderDisputeChanged opened then the outcome, once each', async (_name, steps, outcome) => {
    const { orderId, paymentId } = await disputeScenario(steps);
    const disputeId = `du_${paymentId}`;
    await eventually(async () => (stagesPublished(orderId).includes(outcome) ? true : undefined), 30_000, `OrderDisputeChanged ${outcome}`);

    const journals = await journalsOf(orderId);
    expect(journals.map((j) => j.journal_id).sort()).toEqual([
      `dispute-fee:${disputeId}`, `dispute:${disputeId}:withdrawn`, ...(outcome === 'won' ? [`dispute:${disputeId}:reinstated`] : []), `payment:${paymentId}`,
    ].sort());
    expect(journals.every((j) => j.total === 0 && j.currency === 'USD')).toBe(true);
    expect(await accountTotals(orderId)).toEqual({
      disputes: outcome === 'won' ? 0 : DISPUTED_AMOUNT,
      provider_clearing: (outcome === 'won' ? DISPUTED_AMOUNT : 0) - 1500,
      provider_fees: 1500,
      revenue: -DISPUTED_AMOUNT,
    });
    expect(stagesPublished(orderId)).toEqual(['opened', outcome]);
    expect(ledger.about(orderId).find((m) => m.type === 'OrderDisputeChanged')?.payload).toEqual({
      orderId, userId: 'user-dispute-test', disputeId, provider: 'stripe', stage: 'opened', amountMinor: DISPUTED_AMOUNT, currency: 'USD', feeMinor: 1500,
      changedAt: expect.any(String),
    });
    expect((await disputesOf(orderId)).disputes).toMatchObject([{ stage: outcome }]);
  });

  it('a dispute that names only a payment not applied yet is kept, then applied in the transaction that applies the payment', async () => {
    const { orderId, paymentId } = await disputeScenario(['opened', 'won'], false);
    await eventually(async () => (stagesPublished(orderId).includes('won') ? true : undefined), 30_000, 'the dispute applied');
    // The payment may overtake its CheckoutOpened (another topic): then it is an early fact of the order.
    const types = (await ledger.streamTypes(orderId)).filter((type) => type !== 'ProviderFactReceivedEarly');
    expect(types).toEqual(['OrderPlaced', 'PaymentSucceeded', 'OrderPaid', 'DisputeOpened', 'DisputeWon']);
    const { rows } = await ledger.db.query(`SELECT order_id, applied_at IS NOT NULL AS applied FROM order_ledger.disputes_awaiting_payment WHERE provider_payment_id = $1`, [paymentId]);
    expect(rows).toEqual([{ order_id: orderId, applied: true }, { order_id: orderId, applied: true }]);
    expect(stagesPublished(orderId)).toEqual(['opened', 'won']);
    const parked = await ledger.db.query(`SELECT count(*)::int AS n FROM order_ledger.parked_messages`);
    expect(parked.rows[0].n).toBe(0);
  });

  it('a Cashfree dispute naming our order before the order is placed waits on its stream, and moves the money once the order is paid', async () => {
    const orderId = randomUUID();
    const payment = { orderId, paymentId: String(Date.now()) };
    const lost = disputeReported('lost', payment, { provider: 'cashfree', status: 'CHARGEBACK_MERCHANT_LOST', feeMinor: 300 });
    await ledger.kafka.publish(Topics.providerEvents, [lost, paymentSucceeded(orderId, payment.paymentId, 'cashfree')], 0);
    await consumed([lost]);
    await ledger.kafka.publish(Topics.checkoutEvents, [checkoutOpened(orderId, 'cashfree')]);

    await eventually(async () => (stagesPublished(orderId).includes('lost') ? true : undefined), 30_000, 'the loss applied');
    expect(stagesPublished(orderId)).toEqual(['opened', 'lost']);
    expect(await accountTotals(orderId)).toEqual({ disputes: DISPUTED_AMOUNT, provider_clearing: -300, provider_fees: 300, revenue: -DISPUTED_AMOUNT });
    await eventually(async () => {
      const summary = await ledger.db.query(`SELECT dispute_status FROM order_ledger.order_summaries WHERE order_id = $1`, [orderId]);
      return summary.rows[0]?.dispute_status === 'lost' ? true : undefined;
    }, 10_000, 'the summary shows the dispute');
  });

  it("records an admin action's outcome on the dispute once, and shows it with the order's disputes", async () => {
    const { orderId, paymentId } = await disputeScenario(['opened']);
    const completed = disputeActionCompleted(orderId, `du_${paymentId}`);
    await ledger.kafka.publish(Topics.checkoutEvents, [completed, { ...completed, id: randomUUID() }]);
    await eventually(async () => ((await ledger.streamTypes(orderId)).includes('DisputeActionRecorded') ? true : undefined), 30_000, 'the action recorded');
    await consumed([completed]);

    expect((await ledger.streamTypes(orderId)).filter((type) => type === 'DisputeActionRecorded')).toHaveLength(1);
    expect((await disputesOf(orderId)).disputes).toMatchObject([{ stage: 'opened', actions: [{ action: 'accept', outcome: 'done', status: 'lost' }] }]);
    expect((await fetch(`${ledger.baseUrl}/orders/${randomUUID()}/disputes`)).status).toBe(404);
    expect((await fetch(`${ledger.baseUrl}/orders/not-a-uuid/disputes`)).status).toBe(400);
  });

  it('lists disputed orders by stage and provider, and refuses a bad filter with 400', async () => {
    const { orderId } = await disputeScenario(['opened', 'lost']);
    await eventually(async () => (stagesPublished(orderId).includes('lost') ? true : undefined), 30_000, 'the loss applied');
    const listed = async (query: string) => {
      const response = await fetch(`${ledger.baseUrl}/disputes${query}`);
      expect(response.status).toBe(200);
      return ((await response.json()) as { items: { orderId: string; disputeStage: string }[] }).items.filter((item) => item.orderId === orderId);
    };
    await eventually(async () => ((await listed('?stage=lost')).length === 1 ? true : undefined), 10_000, 'the summary lists the dispute');
    expect(await listed('?stage=lost&provider=stripe')).toEqual([expect.objectContaining({
      orderId, provider: 'stripe', disputeStage: 'lost', currency: 'USD', userId: 'user-dispute-test', updatedAt: expect.any(String),
    })]);
    expect(await listed('')).toHaveLength(1);
    expect(await listed('?stage=opened')).toEqual([]);
    expect(await listed('?provider=cashfree')).toEqual([]);
    for (const query of ['?stage=closed', '?provider=paypal', '?limit=0', '?limit=abc']) {
      expect((await fetch(`${ledger.baseUrl}/disputes${query}`)).status).toBe(400);
    }
  });
});
