import { randomUUID } from 'node:crypto';
import { Topics } from '@payments/contracts';
import { eventually } from '@payments/testing';
import { AMOUNT, OrderLedgerUnderTest, closed, opened, paid, startOrderLedger } from './order-ledger-app.fixture';

describe('order-ledger: provider facts published before their CheckoutOpened', () => {
  let ledger: OrderLedgerUnderTest;

  beforeAll(async () => {
    ledger = await startOrderLedger({ ORDER_UNMATCHED_AFTER_MS: '1500', ORDER_PENDING_SWEEP_MS: '200' });
  });

  afterAll(async () => {
    await ledger?.stop();
  });

  const about = (orderId: string) => ledger.about(orderId);
  const typesAbout = (orderId: string) => about(orderId).map((m) => m.type);
  const summaryStatus = async (orderId: string) =>
    (await ledger.db.query(`SELECT status FROM order_ledger.order_summaries WHERE order_id = $1`, [orderId])).rows[0]?.status as string | undefined;

  it('a payment that overtakes its order is recorded, then pays the order the moment it is placed', async () => {
    const orderId = randomUUID();
    await ledger.kafka.publish(Topics.providerEvents, [paid(orderId)]);
    // The two topics are consumed independently: the order is placed only once the payment is
    // recorded, so the payment has overtaken it for certain.
    await eventually(async () => ((await ledger.streamTypes(orderId)).includes('ProviderFactReceivedEarly') ? true : undefined), 30_000, 'the early payment recorded');
    await ledger.kafka.publish(Topics.checkoutEvents, [opened(orderId)]);

    await eventually(async () => (typesAbout(orderId).includes('OrderPaid') ? true : undefined), 30_000, 'OrderPaid');
    expect(typesAbout(orderId)).toEqual(['OrderPlaced', 'OrderPaid']);
    expect(await ledger.streamTypes(orderId)).toEqual(['ProviderFactReceivedEarly', 'OrderPlaced', 'PaymentSucceeded', 'OrderPaid']);
    await eventually(async () => ((await summaryStatus(orderId)) === 'Paid' ? true : undefined), 10_000, 'the summary paid');
    const { rows } = await ledger.db.query(`SELECT sum(amount_minor)::int AS total, count(*)::int AS n FROM order_ledger.ledger_postings WHERE order_id = $1`, [orderId]);
    expect(rows[0]).toEqual({ total: 0, n: expect.any(Number) });
    expect(rows[0].n).toBeGreaterThan(0);
    const dead = await ledger.db.query(`SELECT count(*)::int AS n FROM order_ledger.parked_messages`);
    expect(dead.rows[0].n).toBe(0);
  });

  it('a mismatched early payment flags the order and a closed session fails it, as if they had come in order', async () => {
    const [mismatched, closedEarly] = [randomUUID(), randomUUID()];
    await ledger.kafka.publish(Topics.providerEvents, [paid(mismatched, AMOUNT - 1), closed(closedEarly)]);
    await ledger.kafka.publish(Topics.checkoutEvents, [opened(mismatched), opened(closedEarly)]);

    await eventually(async () => (typesAbout(mismatched).includes('OrderFlaggedForReview') && typesAbout(closedEarly).includes('OrderFailed') ? true : undefined), 30_000, 'both decided');
    expect(typesAbout(mismatched)).toEqual(['OrderPlaced', 'OrderFlaggedForReview']);
    expect(typesAbout(closedEarly)).toEqual(['OrderPlaced', 'OrderFailed']);
  });

  it('a payment nobody placed an order for is surfaced as unmatched after the window, and still applied when the order turns up', async () => {
    const orderId = randomUUID();
    const payment = paid(orderId);
    await ledger.kafka.publish(Topics.providerEvents, [payment, payment]);

    await eventually(async () => (typesAbout(orderId).includes('UnmatchedPaymentRecorded') ? true : undefined), 30_000, 'UnmatchedPaymentRecorded');
    const [unmatched] = about(orderId);
    expect(unmatched.payload).toMatchObject({ orderId, facts: 1, kinds: ['RecordPaymentSucceeded'], paymentsMinor: AMOUNT, currency: 'USD' });
    const listing = await (await fetch(`${ledger.baseUrl}/unmatched-payments?status=surfaced`)).json() as { items: { orderId: string; matchedAt: string | null }[] };
    expect(listing.items.find((item) => item.orderId === orderId)).toMatchObject({ matchedAt: null });
    expect((await fetch(`${ledger.baseUrl}/unmatched-payments?status=nonsense`)).status).toBe(400);
    const metrics = await (await fetch(`${ledger.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/payments_unmatched_payments_recorded_total\{[^}]*\} [1-9]/);

    await ledger.kafka.publish(Topics.checkoutEvents, [opened(orderId)]);
    await eventually(async () => (typesAbout(orderId).includes('OrderPaid') ? true : undefined), 30_000, 'OrderPaid after all');
    expect(typesAbout(orderId)).toEqual(['UnmatchedPaymentRecorded', 'OrderPlaced', 'OrderPaid']);
    const open = await (await fetch(`${ledger.baseUrl}/unmatched-payments?status=open`)).json() as { items: { orderId: string }[] };
    expect(open.items.map((item) => item.orderId)).not.toContain(orderId);
  });
});
