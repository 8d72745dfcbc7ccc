import { randomUUID } from 'node:crypto';
import { StripeAdapter, WebhookSignatureError } from '@payments/providers';
import { eventually } from '@payments/testing';
import {
  ReceivedWebhook, RunningSandbox, TEST_SECRET_KEY, TEST_WEBHOOK_SECRET, WebhookReceiver, control, eventsOf, startTestSandbox, startWebhookReceiver,
} from './sandbox-harness.fixture';

const ROTATED_SECRET = 'whsec_contract_next_0123456789';

describe('Stripe webhooks from the sandbox, verified and read by the Stripe adapter', () => {
  let receiver: WebhookReceiver;
  let sandbox: RunningSandbox;
  let adapter: StripeAdapter;
  const adapterVerifying = (webhookSecrets: string[]) =>
    new StripeAdapter({ secretKey: TEST_SECRET_KEY, webhookSecrets, apiHost: '127.0.0.1', apiPort: sandbox.port, apiProtocol: 'http' });

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    sandbox = await startTestSandbox({ webhookUrl: receiver.url });
    adapter = adapterVerifying([TEST_WEBHOOK_SECRET]);
  });

  afterEach(() => {
    receiver.answer = () => 200;
  });

  afterAll(async () => {
    await sandbox?.stop();
    await receiver?.stop();
  });

  async function openCheckout(amountMinor = 4999) {
    const orderId = `ord_${randomUUID()}`;
    const opened = await adapter.openCheckout({
      orderId, amountMinor, currency: 'USD', customerId: 'user-1', description: 'Course', idempotencyKey: `open-${orderId}`,
    });
    return { orderId, paymentIntentId: opened.providerReference };
  }

  const act = (paymentIntentId: string, action: 'pay' | 'decline' | 'abandon', body: unknown = {}) =>
    control(sandbox, `/_sandbox/stripe/payment_intents/${paymentIntentId}/${action}`, body);

  const delivered = (paymentIntentId: string, type: string, count = 1): Promise<ReceivedWebhook[]> =>
    eventually(async () => {
      const deliveries = receiver.deliveriesOf(paymentIntentId, type);
      return deliveries.length >= count ? deliveries : undefined;
    }, 15_000, `${count} ${type} deliveries for ${paymentIntentId}`);

  const finalDeliveryState = (paymentIntentId: string, type: string) =>
    eventually(async () => {
      const [event] = await eventsOf(sandbox, paymentIntentId, type);
      return event && event.status !== 'pending' ? event : undefined;
    }, 15_000, `the ${type} event of ${paymentIntentId} to settle`);

  it('delivers payment_intent.succeeded once the customer pays, and the adapter reads it as a payment for our order', async () => {
    const { orderId, paymentIntentId } = await openCheckout(4999);
    expect((await act(paymentIntentId, 'pay')).status).toBe(200);
    const [webhook] = await delivered(paymentIntentId, 'payment_intent.succeeded');
    expect(webhook.headers['stripe-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(adapter.parseWebhook(webhook.rawBody, webhook.headers)).toEqual({
      accepted: true,
      providerEventId: webhook.json.id,
      providerType: 'payment_intent.succeeded',
      event: expect.objectContaining({
        kind: 'payment.succeeded', provider: 'stripe', providerEventId: webhook.json.id, providerObjectId: paymentIntentId,
        orderId, amountMinor: 4999, currency: 'USD', providerType: 'payment_intent.succeeded',
      }),
    });
  });

  it('reads a declined attempt as payment.failed with its reason, and an abandoned checkout as payment.abandoned', async () => {
    const { orderId, paymentIntentId } = await openCheckout();
    await act(paymentIntentId, 'decline', { declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' });
    await act(paymentIntentId, 'abandon');
    const [failed] = await delivered(paymentIntentId, 'payment_intent.payment_failed');
    const [canceled] = await delivered(paymentIntentId, 'payment_intent.canceled');
    expect(adapter.parseWebhook(failed.rawBody, failed.headers)).toMatchObject({
      event: { kind: 'payment.failed', orderId, reason: 'Your card has insufficient funds.' },
    });
    expect(adapter.parseWebhook(canceled.rawBody, canceled.headers)).toMatchObject({ event: { kind: 'payment.abandoned', orderId, reason: 'abandoned' } });
  });

  it('acknowledges an event type it does not act on as ignored', async () => {
    const { paymentIntentId } = await openCheckout();
    const [created] = await delivered(paymentIntentId, 'payment_intent.created');
    expect(adapter.parseWebhook(created.rawBody, created.headers)).toEqual({
      accepted: true, ignored: true, providerEventId: created.json.id, providerType: 'payment_intent.created',
    });
  });

  it('rejects a delivery whose amount was changed after it was signed', async () => {
    const { paymentIntentId } = await openCheckout(4999);
    await act(paymentIntentId, 'pay', { faults: { tamperAmount: true } });
    const [webhook] = await delivered(paymentIntentId, 'payment_intent.succeeded');
    expect(webhook.json.data.object).toMatchObject({ amount: 5099 });
    expect(() => adapter.parseWebhook(webhook.rawBody, webhook.headers)).toThrow(WebhookSignatureError);
  });

  it('rejects a correctly signed delivery whose timestamp is ten minutes old', async () => {
    const { paymentIntentId } = await openCheckout();
    await act(paymentIntentId, 'pay', { faults: { staleTimestamp: true } });
    const [webhook] = await delivered(paymentIntentId, 'payment_intent.succeeded');
    expect(() => adapter.parseWebhook(webhook.rawBody, webhook.headers)).toThrow(/tolerance/);
  });

  it('accepts a delivery signed with the old secret while old and new are configured, and rejects it once only the new one is', async () => {
    const { paymentIntentId } = await openCheckout();
    const [webhook] = await delivered(paymentIntentId, 'payment_intent.created');
    expect(adapterVerifying([ROTATED_SECRET, TEST_WEBHOOK_SECRET]).parseWebhook(webhook.rawBody, webhook.headers)).toMatchObject({ accepted: true });
    expect(() => adapterVerifying([ROTATED_SECRET]).parseWebhook(webhook.rawBody, webhook.headers)).toThrow(WebhookSignatureError);
  });

  it('retries a first attempt lost in transit, so the receiver sees only the retry, which succeeds', async () => {
    const { paymentIntentId } = await openCheckout();
    await act(paymentIntentId, 'pay', { faults: { dropFirstAttempt: true } });
    const event = await finalDeliveryState(paymentIntentId, 'payment_intent.succeeded');
    expect(event.status).toBe('delivered');
    expect(event.attempts.map((attempt) => attempt.outcome)).toEqual(['dropped', 'delivered']);
    const deliveries = receiver.deliveriesOf(paymentIntentId, 'payment_intent.succeeded');
    expect(deliveries).toHaveLength(1);
    expect(adapter.parseWebhook(deliveries[0].rawBody, deliveries[0].headers)).toMatchObject({ event: { kind: 'payment.succeeded' } });
  });

  it('retries a delivery the receiver answered with a 5xx, with the same event id and a fresh signature', async () => {
    const { paymentIntentId } = await openCheckout();
    let refusedOnce = false;
    receiver.answer = (webhook) => {
      if (refusedOnce || webhook.json.data.object.id !== paymentIntentId || webhook.json.type !== 'payment_intent.succeeded') return 200;
      refusedOnce = true;
      return 503;
    };
    await act(paymentIntentId, 'pay');
    const event = await finalDeliveryState(paymentIntentId, 'payment_intent.succeeded');
    expect(event.attempts.map(({ outcome, httpStatus }) => ({ outcome, httpStatus }))).toEqual([
      { outcome: 'rejected', httpStatus: 503 }, { outcome: 'delivered', httpStatus: 200 },
    ]);
    const [first, retry] = receiver.deliveriesOf(paymentIntentId, 'payment_intent.succeeded');
    expect(retry.json.id).toBe(first.json.id);
    expect(adapter.parseWebhook(retry.rawBody, retry.headers)).toMatchObject({ event: { providerEventId: first.json.id } });
  });

  it('delivers the same event several times when asked to duplicate, each copy verifying', async () => {
    const { paymentIntentId } = await openCheckout();
    await act(paymentIntentId, 'pay', { faults: { duplicate: 3 } });
    const copies = await delivered(paymentIntentId, 'payment_intent.succeeded', 3);
    expect(new Set(copies.map((copy) => copy.json.id)).size).toBe(1);
    for (const copy of copies) expect(adapter.parseWebhook(copy.rawBody, copy.headers)).toMatchObject({ accepted: true });
  });

  it('applies the run’s default faults to every event until they are reset', async () => {
    expect((await control(sandbox, '/_sandbox/faults', { faults: { duplicate: 2 } })).body).toEqual({ faults: { duplicate: 2 } });
    try {
      const { paymentIntentId } = await openCheckout();
      await act(paymentIntentId, 'pay');
      await delivered(paymentIntentId, 'payment_intent.succeeded', 2);
      const [event] = await eventsOf(sandbox, paymentIntentId, 'payment_intent.succeeded');
      expect(event).toMatchObject({ faults: { duplicate: 2 } });
    } finally {
      await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'DELETE' });
    }
  });

  it('refuses unknown faults with a 400', async () => {
    const { paymentIntentId } = await openCheckout();
    const answer = await act(paymentIntentId, 'pay', { faults: { shuffle: true } });
    expect(answer).toMatchObject({ status: 400, body: { error: { param: 'faults', message: expect.stringMatching(/unknown fault/) } } });
  });
});
