import { randomUUID } from 'node:crypto';
import { Topics } from '@payments/contracts';
import { eventually } from '@payments/testing';
import { E2E_URLS, E2eSystem, bearerFor, messagesAbout, openCheckout, orderView, startE2eSystem, topicRecorder, waitUntilSettled } from './e2e-system';

const gateway = E2E_URLS.gateway;
const sandbox = E2E_URLS.sandbox;

describe('the return from the provider', () => {
  let e2e: E2eSystem;
  let recorder: Awaited<ReturnType<typeof topicRecorder>>;

  beforeAll(async () => {
    e2e = await startE2eSystem();
    recorder = await topicRecorder([Topics.providerEvents, Topics.ordersEvents, Topics.entitlementGranted]);
  });

  afterAll(async () => {
    await recorder?.stop();
    await e2e?.stop();
  });

  it('pays the order through a server-side status check while the webhook is late, and the late webhook adds nothing', async () => {
    const userId = `user-${randomUUID()}`;
    const token = await bearerFor(userId);
    const { body: opened } = await openCheckout<{ orderId: string; payment: { providerReference: string } }>(token, { productId: 'course-typescript-101', currency: 'USD' });
    const { orderId } = opened;
    await eventually(async () => ((await orderView(token, orderId)) ? true : undefined), 30_000, 'order projected');

    // The customer pays; the provider's webhook is held back for 8 s.
    await fetch(`${sandbox}/_sandbox/stripe/payment_intents/${opened.payment.providerReference}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faults: { delayMs: 8000 } }),
    });
    // The browser comes back first: the page asks checkout to check with the provider.
    const page = await fetch(`${gateway}/success?order_id=${orderId}`).then((response) => response.json() as Promise<{ statusCheckRequested: boolean }>);
    expect(page.statusCheckRequested).toBe(true);

    const paidBy = await eventually(async () => recorder.on(Topics.providerEvents)
      .find((message) => (message.payload as { orderId: string }).orderId === orderId), 30_000, 'a verified payment report');
    expect(paidBy.payload).toMatchObject({ providerEventId: `status-check:${opened.payment.providerReference}`, providerPaymentId: opened.payment.providerReference });
    await eventually(async () => recorder.on(Topics.entitlementGranted)
      .find((message) => (message.payload as { orderId: string }).orderId === orderId), 30_000, 'entitlement granted after the status check');

    // Then the held-back webhook arrives and is recorded...
    await eventually(async () => {
      const rows = await e2e.db.query(`SELECT 1 FROM webhook_ingest.provider_events WHERE order_id = $1 AND provider_type = 'payment_intent.succeeded'`, [orderId]);
      return rows.rowCount === 1 ? true : undefined;
    }, 60_000, 'the late webhook recorded');
    // ...and both payment reports are consumed by order-ledger...
    await waitUntilSettled(e2e, recorder, async () => {
      const [{ applied }] = (await e2e.db.query(`SELECT count(*) AS applied FROM order_ledger.inbox WHERE topic = $1`, [Topics.providerEvents])).rows;
      return Number(applied) >= 2;
    });

    // ...two reports of one payment, one OrderPaid, one entitlement.
    const forOrder = (topic: string) => messagesAbout(recorder, topic, orderId);
    expect(forOrder(Topics.providerEvents)).toHaveLength(2);
    expect(forOrder(Topics.ordersEvents).map((message) => message.type)).toEqual(['OrderPlaced', 'OrderPaid']);
    expect(forOrder(Topics.entitlementGranted)).toHaveLength(1);
  });
});
