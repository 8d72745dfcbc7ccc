import { randomUUID } from 'node:crypto';
import { Topics } from '@payments/contracts';
import { eventually } from '@payments/testing';
import { E2E_URLS, E2eSystem, bearerFor, messagesAbout, openCheckout, orderView, startE2eSystem, topicRecorder, waitUntilSettled } from './e2e-system';

interface OpenedCheckout {
  orderId: string;
  status: string;
  provider: string;
  amountMinor: number;
  currency: string;
  breakdown: { subtotalMinor: number; discountMinor: number; taxMinor: number; totalMinor: number };
  payment: { providerReference: string; paymentSessionId: string | null; clientSecret: string | null };
}

interface OrderView {
  orderId: string;
  userId: string;
  status: string;
  amountMinor: number;
  currency: string;
  provider: string;
  invoiceNumber: string | null;
  lastFailure: string | null;
  lastFailureCode: string | null;
}

interface ProviderEventRow {
  provider_type: string;
  outcome: string;
  deliveries: number;
}

const sandbox = E2E_URLS.sandbox;
/** course-typescript-101 costs 499.00 INR; GST of 18% is added on top. */
const PRICE_INR = 49900;
const GST_INR = 8982;

describe('a Cashfree payment in INR, end to end', () => {
  let e2e: E2eSystem;
  let recorder: Awaited<ReturnType<typeof topicRecorder>>;

  beforeAll(async () => {
    e2e = await startE2eSystem();
    recorder = await topicRecorder([Topics.entitlementGranted, Topics.providerEvents, Topics.ordersEvents]);
  });

  afterAll(async () => {
    await recorder?.stop();
    await e2e?.stop();
  });

  it('routes INR to Cashfree, keeps the order payable after a declined UPI attempt, and grants once when netbanking pays with the webhook sent twice', async () => {
    const userId = `user-${randomUUID()}`;
    const token = await bearerFor(userId);
    const orderOf = (orderId: string) => orderView<OrderView>(token, orderId);
    const customer = (orderId: string, action: 'pay' | 'decline', body: unknown) =>
      fetch(`${sandbox}/_sandbox/cashfree/orders/${orderId}/${action}`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
      });

    const checkout = await openCheckout<OpenedCheckout>(token, { productId: 'course-typescript-101', quantity: 1, currency: 'INR' });
    const opened = checkout.body;
    expect(checkout.status).toBe(201);
    expect(opened).toMatchObject({
      status: 'pending', provider: 'cashfree', currency: 'INR', amountMinor: PRICE_INR + GST_INR,
      breakdown: { subtotalMinor: PRICE_INR, discountMinor: 0, taxMinor: GST_INR, totalMinor: PRICE_INR + GST_INR },
    });
    expect(opened.payment.paymentSessionId).toMatch(/^session_/);
    // Cashfree names the order by our order id.
    expect(opened.payment.providerReference).toBe(opened.orderId);
    const { orderId } = opened;

    // First attempt: UPI, declined by the bank. The Cashfree order stays ACTIVE and ours pending.
    const declined = await customer(orderId, 'decline', { paymentMethod: 'upi', errorDescription: 'issuer bank declined the transaction' });
    expect(declined.status).toBe(200);
    const afterDecline = await eventually(async () => {
      const order = await orderOf(orderId);
      return order?.lastFailure ? order : undefined;
    }, 60_000, 'the gateway to show the declined attempt');
    // Our code and sentence for the decline, never the bank's own words.
    expect(afterDecline).toMatchObject({
      status: 'pending', provider: 'cashfree', lastFailureCode: 'PAYMENT.DECLINED', lastFailure: 'The bank or card issuer declined the payment.',
    });

    // Second attempt: netbanking, paid; Cashfree's success webhook arrives twice.
    const paid = await customer(orderId, 'pay', { paymentMethod: 'netbanking', faults: { duplicate: 2 } });
    expect(paid.status).toBe(200);

    const granted = await eventually(
      async () => recorder.on(Topics.entitlementGranted).find((message) => (message.payload as { orderId: string }).orderId === orderId),
      60_000,
      'entitlement-granted for the order',
    );
    expect(granted.payload).toMatchObject({ userId, productId: 'course-typescript-101', kind: 'course', orderId });

    const order = await eventually(async () => {
      const view = await orderOf(orderId);
      return view?.status === 'paid' ? view : undefined;
    }, 30_000, 'the gateway read model to show the order paid');
    expect(order).toMatchObject({ orderId, userId, provider: 'cashfree', amountMinor: PRICE_INR + GST_INR, currency: 'INR' });
    expect(order.invoiceNumber).toMatch(/^INV-\d{4}-\d+$/);

    // Both deliveries of the success webhook reached webhook-ingest under one derived event id, the decline once.
    const rows = await eventually(async () => {
      const result = await e2e.db.query<ProviderEventRow>(
        `SELECT provider_type, outcome, deliveries FROM webhook_ingest.provider_events WHERE provider = 'cashfree' AND order_id = $1 ORDER BY received_at`,
        [orderId],
      );
      return result.rows.find((row) => row.provider_type === 'PAYMENT_SUCCESS_WEBHOOK')?.deliveries === 2 ? result.rows : undefined;
    }, 30_000, 'two deliveries of the success webhook recorded');
    expect(rows).toEqual([
      { provider_type: 'PAYMENT_FAILED_WEBHOOK', outcome: 'published', deliveries: 1 },
      { provider_type: 'PAYMENT_SUCCESS_WEBHOOK', outcome: 'published', deliveries: 2 },
    ]);

    // Every outbox downstream is drained and the recorder has read everything: nothing more can follow.
    await waitUntilSettled(e2e, recorder);

    const forOrder = (topic: string) => messagesAbout(recorder, topic, orderId);
    expect(forOrder(Topics.providerEvents).map((message) => message.type)).toEqual(['PaymentAttemptFailed', 'PaymentSucceeded']);
    expect(forOrder(Topics.ordersEvents).map((message) => message.type)).toEqual(['OrderPlaced', 'OrderPaymentAttemptFailed', 'OrderPaid']);
    expect(forOrder(Topics.entitlementGranted)).toHaveLength(1);
    const grants = await e2e.db.query(`SELECT count(*) AS n FROM entitlements.entitlements WHERE order_id = $1`, [orderId]);
    expect(Number(grants.rows[0].n)).toBe(1);
  });
});
