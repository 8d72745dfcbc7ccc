import { randomUUID } from 'node:crypto';
import { Topics } from '@payments/contracts';
import { eventually } from '@payments/testing';
import { E2E_URLS, E2eSystem, TopicRecorder, bearerFor, messagesAbout, startE2eSystem, topicRecorder, waitUntilSettled } from './e2e-system';
import { COURSE_USD_MINOR, TRUSTING_LOCAL_PROXY, checkout, orderFixtures, refund } from './gateway-http.fixture';

const sandbox = E2E_URLS.sandbox;

interface ReadModelRow { status: string; refunded_minor: string }

describe('an admin refund, end to end: gateway -> order-ledger -> checkout -> provider -> ledger and read models', () => {
  let e2e: E2eSystem;
  let recorder: TopicRecorder;
  let admin: string;
  const { paidOrder } = orderFixtures(() => e2e);

  beforeAll(async () => {
    e2e = await startE2eSystem(TRUSTING_LOCAL_PROXY);
    recorder = await topicRecorder([Topics.ordersEvents, Topics.providerEvents, Topics.checkoutCommands]);
    admin = await bearerFor(`admin-${randomUUID()}`, ['admin']);
  });

  afterAll(async () => {
    await recorder?.stop();
    await e2e?.stop();
  });

  const readModel = async (orderId: string): Promise<ReadModelRow | undefined> =>
    (await e2e.db.query<ReadModelRow>(`SELECT status, refunded_minor FROM gateway.orders WHERE order_id = $1`, [orderId])).rows[0];
  const waitForReadModel = (orderId: string, status: string, refunded: number) =>
    eventually(async () => {
      const row = await readModel(orderId);
      return row?.status === status && Number(row.refunded_minor) === refunded ? row : undefined;
    }, 60_000, `order ${orderId} ${status} with ${refunded} refunded in the gateway read model`);
  const balances = async (orderId: string) => {
    const { rows } = await e2e.db.query<{ account: string; balance: string }>(
      `SELECT account, sum(amount_minor) AS balance FROM order_ledger.ledger_postings WHERE order_id = $1 GROUP BY account ORDER BY account`, [orderId],
    );
    // USD carries no tax here: a zero tax line is not posted at all.
    return { tax_payable: 0, ...Object.fromEntries(rows.map((row) => [row.account, Number(row.balance)])) };
  };

  it('refunds part, then the rest, once each at the provider, books both in a balanced ledger, and refuses a third', async () => {
    const order = await paidOrder();
    expect(await balances(order.orderId)).toEqual({ provider_clearing: COURSE_USD_MINOR, revenue: -COURSE_USD_MINOR, tax_payable: 0 });

    const part = await refund(admin, order.orderId, randomUUID(), { amountMinor: 500 });
    expect(part.status).toBe(202);
    await waitForReadModel(order.orderId, 'partially_refunded', 500);
    expect(await balances(order.orderId)).toEqual({ provider_clearing: COURSE_USD_MINOR - 500, revenue: -(COURSE_USD_MINOR - 500), tax_payable: 0 });

    const rest = await refund(admin, order.orderId, randomUUID());
    expect(rest.status).toBe(202);
    await waitForReadModel(order.orderId, 'refunded', COURSE_USD_MINOR);
    expect(await balances(order.orderId)).toEqual({ provider_clearing: 0, revenue: 0, tax_payable: 0 });

    const third = await refund(admin, order.orderId, randomUUID(), { amountMinor: 1 });
    expect(third.status).toBe(409);
    expect(third.body.error?.code).toBe('ORDER.NOT_REFUNDABLE');

    const providerRefunds = (await (await fetch(`${sandbox}/_sandbox/stripe/refunds?payment_intent=${order.paymentIntent}`)).json()) as { data: { id: string; amount: number; status: string }[] };
    expect(providerRefunds.data.map((r) => [r.amount, r.status])).toEqual([[500, 'succeeded'], [COURSE_USD_MINOR - 500, 'succeeded']]);

    // The refund webhooks arrive as well: they are recorded, and change nothing more.
    await eventually(async () => {
      const { rows } = await e2e.db.query(`SELECT 1 FROM webhook_ingest.provider_events WHERE order_id = $1 AND provider_type LIKE 'refund.%'`, [order.orderId]);
      return rows.length >= 2 ? true : undefined;
    }, 30_000, 'the refund webhooks recorded');
    await waitUntilSettled(e2e, recorder);
    const refunded = messagesAbout(recorder, Topics.ordersEvents, order.orderId).filter((m) => m.type === 'OrderRefunded').map((m) => m.payload);
    expect(refunded).toMatchObject([
      { amountMinor: 500, refundedMinor: 500, remainingMinor: COURSE_USD_MINOR - 500, fullyRefunded: false },
      { amountMinor: COURSE_USD_MINOR - 500, refundedMinor: COURSE_USD_MINOR, remainingMinor: 0, fullyRefunded: true },
    ]);
    const asked = messagesAbout(recorder, Topics.checkoutCommands, order.orderId).filter((m) => m.type === 'RefundPaymentRequested');
    expect(asked.map((m) => (m.payload as { amountMinor: number }).amountMinor)).toEqual([500, COURSE_USD_MINOR - 500]);
    const { rows: stored } = await e2e.db.query<{ type: string }>(
      `SELECT type FROM order_ledger.events WHERE stream_id = 'order-' || $1 AND type LIKE 'Refund%' ORDER BY stream_version`, [order.orderId],
    );
    expect(stored.map((row) => row.type)).toEqual(['RefundRequested', 'RefundSucceeded', 'RefundRequested', 'RefundSucceeded']);
  });

  it('refuses, and says why, the one of two simultaneous refunds that the order no longer covers', async () => {
    const order = await paidOrder();
    // Both pass the gateway's read model (nothing refunded yet); order-ledger counts the pending one.
    const [big, small] = await Promise.all([
      refund(admin, order.orderId, randomUUID(), { amountMinor: 1500 }),
      refund(admin, order.orderId, randomUUID(), { amountMinor: 1000 }),
    ]);
    expect([big.status, small.status]).toEqual([202, 202]);
    await waitUntilSettled(e2e, recorder, async () => {
      const events = messagesAbout(recorder, Topics.ordersEvents, order.orderId).map((m) => m.type);
      return events.includes('OrderRefunded') && events.includes('OrderRefundFailed');
    });
    const outcomes = messagesAbout(recorder, Topics.ordersEvents, order.orderId).filter((m) => m.type === 'OrderRefunded' || m.type === 'OrderRefundFailed');
    expect(outcomes).toHaveLength(2);
    const done = outcomes.find((m) => m.type === 'OrderRefunded')?.payload as { refundId: string; amountMinor: number };
    const refused = outcomes.find((m) => m.type === 'OrderRefundFailed')?.payload as { refundId: string; reason: string };
    expect(new Set([done.refundId, refused.refundId])).toEqual(new Set([big.body.refundId, small.body.refundId]));
    expect(refused.reason).toMatch(/^ORDER\.REFUND_EXCEEDS_REMAINDER: /);
    const row = await waitForReadModel(order.orderId, 'partially_refunded', done.amountMinor);
    expect(row).toBeDefined();
    const { rows } = await e2e.db.query(`SELECT last_failure FROM gateway.orders WHERE order_id = $1`, [order.orderId]);
    expect(rows[0].last_failure).toContain(refused.refundId);
    const providerRefunds = (await (await fetch(`${sandbox}/_sandbox/stripe/refunds?payment_intent=${order.paymentIntent}`)).json()) as { data: { amount: number }[] };
    expect(providerRefunds.data.map((r) => r.amount)).toEqual([done.amountMinor]);
  });

  it('books a Cashfree refund, pending at first, once its webhook says it succeeded, reversing the GST exactly', async () => {
    const userId = `user-${randomUUID()}`;
    const opened = await checkout(await bearerFor(userId), randomUUID(), { productId: 'course-typescript-101', currency: 'INR' });
    expect(opened.status).toBe(201);
    const orderId = opened.body.orderId as string;
    const total = opened.body.amountMinor as number;
    const tax = (opened.body.breakdown as { taxMinor: number }).taxMinor;
    expect(tax).toBeGreaterThan(0);
    const pay = await fetch(`${sandbox}/_sandbox/cashfree/orders/${orderId}/pay`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ paymentMethod: 'upi' }),
    });
    expect(pay.status).toBe(200);
    await waitForReadModel(orderId, 'paid', 0);
    expect(await balances(orderId)).toEqual({ provider_clearing: total, revenue: -(total - tax), tax_payable: -tax });

    const accepted = await refund(admin, orderId, randomUUID());
    expect(accepted.status).toBe(202);
    const refundId = accepted.body.refundId as string;
    // Cashfree takes the refund as PENDING: checkout records it and nothing is booked yet.
    await eventually(async () => {
      const { rows } = await e2e.db.query(`SELECT status FROM checkout.refunds WHERE refund_id = $1`, [refundId]);
      return rows[0]?.status === 'pending' ? true : undefined;
    }, 60_000, 'the refund pending at Cashfree');
    expect(await readModel(orderId)).toMatchObject({ status: 'paid', refunded_minor: '0' });

    const settled = await fetch(`${sandbox}/_sandbox/cashfree/orders/${orderId}/refunds/${refundId}/succeed`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}',
    });
    expect(settled.status).toBe(200);
    await waitForReadModel(orderId, 'refunded', total);
    expect(await balances(orderId)).toEqual({ provider_clearing: 0, revenue: 0, tax_payable: 0 });
    await waitUntilSettled(e2e, recorder);
    expect(messagesAbout(recorder, Topics.providerEvents, orderId).filter((m) => m.type === 'RefundSucceeded')).toMatchObject([
      { payload: { refundId, provider: 'cashfree', providerEventId: expect.stringMatching(/^REFUND_STATUS_WEBHOOK:/), amountMinor: total } },
    ]);
  });
});
