import { randomUUID } from 'node:crypto';
import { CashfreeAdapter, WebhookSignatureError } from '@payments/providers';
import { eventually } from '@payments/testing';
import { cashfreeAdapterFor, cashfreeControl, cashfreeDeliveries, cashfreeWebhookLog, inrCheckout } from './cashfree-harness.fixture';
import { ReceivedWebhook, RunningSandbox, TEST_CASHFREE_SECRET_KEY, WebhookReceiver, startTestSandbox, startWebhookReceiver } from './sandbox-harness.fixture';

const ROTATED_SECRET = 'cfsk_test_contract_rotated_0123456789';

describe('Cashfree webhooks from the sandbox, verified and read by the adapter', () => {
  let sandbox: RunningSandbox;
  let receiver: WebhookReceiver;
  let adapter: CashfreeAdapter;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    sandbox = await startTestSandbox({ cashfreeWebhookUrl: receiver.url });
    adapter = cashfreeAdapterFor(sandbox);
  });

  afterEach(() => {
    receiver.answer = () => 200;
  });

  afterAll(async () => {
    await sandbox?.stop();
    await receiver?.stop();
  });

  async function openOrder(amountMinor = 58882) {
    const orderId = randomUUID();
    await adapter.openCheckout(inrCheckout(orderId, { amountMinor }));
    return orderId;
  }

  const act = (orderId: string, action: 'pay' | 'decline' | 'abandon', body: unknown = {}) => cashfreeControl(sandbox, `/orders/${orderId}/${action}`, body);

  const delivered = (orderId: string, type: string, count = 1, to: WebhookReceiver = receiver): Promise<ReceivedWebhook[]> =>
    eventually(async () => {
      const deliveries = cashfreeDeliveries(to, orderId, type);
      return deliveries.length >= count ? deliveries : undefined;
    }, 15_000, `${count} ${type} deliveries for ${orderId}`);

  const settledDelivery = (orderId: string, type: string) =>
    eventually(async () => {
      const [webhook] = await cashfreeWebhookLog(sandbox, orderId, type);
      return webhook && webhook.status !== 'pending' ? webhook : undefined;
    }, 15_000, `the ${type} webhook of ${orderId} to settle`);

  it('delivers PAYMENT_SUCCESS_WEBHOOK signed over its raw bytes, which the adapter reads as a payment in paise for our order', async () => {
    const orderId = await openOrder(58882);
    await act(orderId, 'pay', { paymentMethod: 'netbanking' });
    const [webhook] = await delivered(orderId, 'PAYMENT_SUCCESS_WEBHOOK');
    expect(webhook.rawBody.toString()).toContain('"payment_amount":588.82');
    expect(webhook.headers).toMatchObject({ 'x-webhook-version': '2023-08-01', 'x-webhook-attempt': '1', 'x-webhook-timestamp': expect.stringMatching(/^\d{13}$/) });
    const cfPaymentId = (webhook.json as unknown as { data: { payment: { cf_payment_id: string } } }).data.payment.cf_payment_id;
    expect(adapter.parseWebhook(webhook.rawBody, webhook.headers)).toEqual({
      accepted: true,
      providerEventId: `PAYMENT_SUCCESS_WEBHOOK:${cfPaymentId}:SUCCESS`,
      providerType: 'PAYMENT_SUCCESS_WEBHOOK',
      event: expect.objectContaining({
        kind: 'payment.succeeded', provider: 'cashfree', providerObjectId: cfPaymentId, providerPaymentReference: orderId, orderId,
        amountMinor: 58882, currency: 'INR',
      }),
    });
  });

  it('signs 170.00 as Cashfree writes it, so a receiver that re-serialised the JSON would not verify', async () => {
    const orderId = await openOrder(17000);
    await act(orderId, 'pay');
    const [webhook] = await delivered(orderId, 'PAYMENT_SUCCESS_WEBHOOK');
    expect(webhook.rawBody.toString()).toContain('"payment_amount":170.00');
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(webhook.rawBody.toString())));
    expect(() => adapter.parseWebhook(reserialised, webhook.headers)).toThrow(WebhookSignatureError);
    expect(adapter.parseWebhook(webhook.rawBody, webhook.headers)).toMatchObject({ event: { amountMinor: 17000 } });
  });

  it('reads a declined and a dropped attempt as ending only the attempt; the order stays payable and a later payment succeeds', async () => {
    const orderId = await openOrder();
    await act(orderId, 'decline', { paymentMethod: 'upi', errorDescription: 'issuer bank declined the transaction' });
    await act(orderId, 'abandon', { paymentMethod: 'wallet' });
    const [failed] = await delivered(orderId, 'PAYMENT_FAILED_WEBHOOK');
    const [dropped] = await delivered(orderId, 'PAYMENT_USER_DROPPED_WEBHOOK');
    expect(adapter.parseWebhook(failed.rawBody, failed.headers)).toMatchObject({
      event: { kind: 'payment.failed', ends: 'attempt', orderId, reason: 'issuer bank declined the transaction' },
    });
    expect(adapter.parseWebhook(dropped.rawBody, dropped.headers)).toMatchObject({ event: { kind: 'payment.abandoned', ends: 'attempt', orderId } });
    expect(await adapter.retrievePayment(orderId)).toMatchObject({ status: 'ACTIVE' });

    await act(orderId, 'pay', { paymentMethod: 'netbanking' });
    const [paid] = await delivered(orderId, 'PAYMENT_SUCCESS_WEBHOOK');
    expect(adapter.parseWebhook(paid.rawBody, paid.headers)).toMatchObject({ event: { kind: 'payment.succeeded', orderId } });
    const ids = [failed, dropped, paid].map((webhook) => adapter.parseWebhook(webhook.rawBody, webhook.headers).providerEventId);
    expect(new Set(ids).size).toBe(3);
  });

  it('rejects a delivery whose amount was changed after it was signed', async () => {
    const orderId = await openOrder(58882);
    await act(orderId, 'pay', { faults: { tamperAmount: true } });
    const [webhook] = await delivered(orderId, 'PAYMENT_SUCCESS_WEBHOOK');
    expect(webhook.rawBody.toString()).toContain('"payment_amount":589.82');
    expect(() => adapter.parseWebhook(webhook.rawBody, webhook.headers)).toThrow(WebhookSignatureError);
  });

  it('rejects a correctly signed delivery whose timestamp is ten minutes old', async () => {
    const orderId = await openOrder();
    await act(orderId, 'pay', { faults: { staleTimestamp: true } });
    const [webhook] = await delivered(orderId, 'PAYMENT_SUCCESS_WEBHOOK');
    expect(() => adapter.parseWebhook(webhook.rawBody, webhook.headers)).toThrow(/outside the tolerance/);
  });

  it('accepts a delivery signed with the old secret while old and new are configured, and rejects it once only the new one is', async () => {
    const orderId = await openOrder();
    await act(orderId, 'pay');
    const [webhook] = await delivered(orderId, 'PAYMENT_SUCCESS_WEBHOOK');
    const rotating = cashfreeAdapterFor(sandbox, { webhookSecrets: [ROTATED_SECRET, TEST_CASHFREE_SECRET_KEY] });
    expect(rotating.parseWebhook(webhook.rawBody, webhook.headers)).toMatchObject({ accepted: true });
    const rotated = cashfreeAdapterFor(sandbox, { webhookSecrets: [ROTATED_SECRET] });
    expect(() => rotated.parseWebhook(webhook.rawBody, webhook.headers)).toThrow(WebhookSignatureError);
  });

  it('retries a first attempt lost in transit; the receiver sees only the retry, numbered 2', async () => {
    const orderId = await openOrder();
    await act(orderId, 'pay', { faults: { dropFirstAttempt: true } });
    const webhook = await settledDelivery(orderId, 'PAYMENT_SUCCESS_WEBHOOK');
    expect(webhook.attempts.map((attempt) => attempt.outcome)).toEqual(['dropped', 'delivered']);
    const deliveries = cashfreeDeliveries(receiver, orderId, 'PAYMENT_SUCCESS_WEBHOOK');
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0].headers['x-webhook-attempt']).toBe('2');
  });

  it('retries a delivery answered with a 5xx, freshly signed, with the same derived event id', async () => {
    const orderId = await openOrder();
    let refusedOnce = false;
    receiver.answer = (webhook) => {
      const json = webhook.json as unknown as { type: string; data: { order?: { order_id: string } } };
      if (refusedOnce || json.data.order?.order_id !== orderId) return 200;
      refusedOnce = true;
      return 503;
    };
    await act(orderId, 'pay');
    const webhook = await settledDelivery(orderId, 'PAYMENT_SUCCESS_WEBHOOK');
    expect(webhook.attempts.map(({ outcome, httpStatus }) => ({ outcome, httpStatus }))).toEqual([
      { outcome: 'rejected', httpStatus: 503 }, { outcome: 'delivered', httpStatus: 200 },
    ]);
    const [first, retry] = cashfreeDeliveries(receiver, orderId, 'PAYMENT_SUCCESS_WEBHOOK');
    expect(retry.rawBody.equals(first.rawBody)).toBe(true);
    expect(retry.headers['x-webhook-attempt']).toBe('2');
    expect(adapter.parseWebhook(retry.rawBody, retry.headers).providerEventId).toBe(adapter.parseWebhook(first.rawBody, first.headers).providerEventId);
  });

  it('delivers the same webhook several times when asked to duplicate, each copy verifying to the same event id', async () => {
    const orderId = await openOrder();
    await act(orderId, 'pay', { faults: { duplicate: 2 } });
    const copies = await delivered(orderId, 'PAYMENT_SUCCESS_WEBHOOK', 2);
    const ids = copies.map((copy) => adapter.parseWebhook(copy.rawBody, copy.headers).providerEventId);
    expect(new Set(ids).size).toBe(1);
  });

  it('delivers a declined attempt’s webhook after the success that followed it when asked to reorder', async () => {
    const orderId = await openOrder();
    await act(orderId, 'decline', { faults: { reorder: true } });
    await act(orderId, 'pay');
    const [failed] = await delivered(orderId, 'PAYMENT_FAILED_WEBHOOK');
    const [paid] = await delivered(orderId, 'PAYMENT_SUCCESS_WEBHOOK');
    expect(receiver.received.indexOf(paid)).toBeLessThan(receiver.received.indexOf(failed));
    expect(adapter.parseWebhook(failed.rawBody, failed.headers)).toMatchObject({ event: { kind: 'payment.failed', ends: 'attempt' } });
  });

  it('sends REFUND_STATUS_WEBHOOK once a refund is processed, which the adapter reads under the refund’s own name', async () => {
    const orderId = await openOrder(10000);
    await act(orderId, 'pay');
    const refundId = randomUUID();
    const refund = await adapter.refund({ providerReference: orderId, amountMinor: 2550, currency: 'INR', orderId, refundId, idempotencyKey: `refund-${refundId}` });
    await cashfreeControl(sandbox, `/orders/${orderId}/refunds/${refundId}/succeed`);
    const [webhook] = await delivered(orderId, 'REFUND_STATUS_WEBHOOK');
    expect(webhook.rawBody.toString()).toContain('"refund_amount":25.50');
    expect(adapter.parseWebhook(webhook.rawBody, webhook.headers)).toMatchObject({
      event: { kind: 'refund.succeeded', providerObjectId: refund.providerRefundId, providerPaymentReference: orderId, orderId, amountMinor: 2550, currency: 'INR' },
    });
  });

  it('delivers the webhooks of an order with a notify_url there instead of the configured endpoint', async () => {
    const own = await startWebhookReceiver();
    try {
      const withNotifyUrl = cashfreeAdapterFor(sandbox, { notifyUrl: own.url });
      const orderId = randomUUID();
      await withNotifyUrl.openCheckout(inrCheckout(orderId));
      await act(orderId, 'pay');
      const [webhook] = await delivered(orderId, 'PAYMENT_SUCCESS_WEBHOOK', 1, own);
      expect(withNotifyUrl.parseWebhook(webhook.rawBody, webhook.headers)).toMatchObject({ event: { orderId } });
      expect(cashfreeDeliveries(receiver, orderId, 'PAYMENT_SUCCESS_WEBHOOK')).toHaveLength(0);
    } finally {
      await own.stop();
    }
  });
});
