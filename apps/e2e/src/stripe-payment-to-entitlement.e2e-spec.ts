import { randomUUID } from 'node:crypto';
import { Topics } from '@payments/contracts';
import { eventually } from '@payments/testing';
import { E2E_PORTS, E2E_URLS, E2eSystem, bearerFor, messagesAbout, openCheckout, orderView, startE2eSystem, topicRecorder, waitUntilSettled } from './e2e-system';

interface OpenedCheckout {
  orderId: string;
  status: string;
  provider: string;
  amountMinor: number;
  currency: string;
  payment: { providerReference: string; clientSecret: string | null };
}

interface OrderView {
  orderId: string;
  userId: string;
  status: string;
  amountMinor: number;
  currency: string;
  invoiceNumber: string | null;
}

const sandbox = E2E_URLS.sandbox;

describe('a Stripe card payment, end to end', () => {
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

  it('goes from checkout to entitlement-granted, and a webhook delivered three times grants once', async () => {
    const userId = `user-${randomUUID()}`;
    const token = await bearerFor(userId);

    const checkout = await openCheckout<OpenedCheckout>(token, { productId: 'course-typescript-101', quantity: 1, currency: 'USD' });
    const opened = checkout.body;
    expect(checkout.status).toBe(201);
    expect(opened).toMatchObject({ status: 'pending', provider: 'stripe', currency: 'USD' });
    expect(opened.amountMinor).toBeGreaterThan(0);
    expect(opened.payment.clientSecret).toMatch(/^pi_.+_secret_/);
    const orderId: string = opened.orderId;
    const paymentIntentId: string = opened.payment.providerReference;

    // The customer pays on the sandbox's hosted page; the sandbox sends payment_intent.succeeded three times.
    const pay = await fetch(`${sandbox}/_sandbox/stripe/payment_intents/${paymentIntentId}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faults: { duplicate: 3 } }),
    });
    expect(pay.status).toBe(200);

    const granted = await eventually(
      async () => recorder.on(Topics.entitlementGranted).find((message) => (message.payload as { orderId: string }).orderId === orderId),
      60_000,
      'entitlement-granted for the order',
    );
    expect(granted.payload).toMatchObject({ userId, productId: 'course-typescript-101', kind: 'course', orderId });
    expect(granted.key).toBe(userId);

    const order = await eventually(async () => {
      const view = await orderView<OrderView>(token, orderId);
      return view?.status === 'paid' ? view : undefined;
    }, 30_000, 'the gateway read model to show the order paid');
    expect(order).toMatchObject({ orderId, userId, amountMinor: opened.amountMinor, currency: 'USD' });
    expect(order.invoiceNumber).toMatch(/^INV-\d{4}-\d+$/);

    // All three deliveries reached webhook-ingest and were acknowledged...
    await eventually(async () => {
      const [row] = (await e2e.db.query(`SELECT deliveries FROM webhook_ingest.provider_events WHERE order_id = $1`, [orderId])).rows;
      return row?.deliveries === 3 ? true : undefined;
    }, 30_000, 'three webhook deliveries recorded');
    // ...and every outbox downstream of them is drained, so nothing else can still be published.
    await waitUntilSettled(e2e, recorder);

    const forOrder = (topic: string) => messagesAbout(recorder, topic, orderId);
    expect(forOrder(Topics.providerEvents)).toHaveLength(1);
    expect(forOrder(Topics.ordersEvents).map((message) => message.type)).toEqual(['OrderPlaced', 'OrderPaid']);
    expect(forOrder(Topics.entitlementGranted)).toHaveLength(1);
    const grants = await e2e.db.query(`SELECT count(*) AS n FROM entitlements.entitlements WHERE order_id = $1`, [orderId]);
    expect(Number(grants.rows[0].n)).toBe(1);

    // Operators see it in the metrics: order-ledger applied the payment report, entitlements the paid order.
    const metricsOf = async (port: number) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const handled = (text: string, topic: string) => Number(new RegExp(`payments_messages_handled_total\\{[^}]*topic="${topic.replace('.', '\\.')}"[^}]*outcome="applied"[^}]*\\} (\\d+)`).exec(text)?.[1] ?? 0);
    expect(handled(await metricsOf(E2E_PORTS.orderLedger), Topics.providerEvents)).toBeGreaterThanOrEqual(1);
    expect(handled(await metricsOf(E2E_PORTS.entitlements), Topics.ordersEvents)).toBeGreaterThanOrEqual(2);
  });
});
