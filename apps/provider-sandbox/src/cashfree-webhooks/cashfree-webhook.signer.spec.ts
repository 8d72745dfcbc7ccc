import { createHmac } from 'node:crypto';
import { CashfreeAdapter } from '@payments/providers';
import type { PaymentAttempt, SandboxCashfreeOrder } from '../cashfree/cashfree-order';
import { newCashfreeOrder } from '../cashfree/cashfree-order';
import { newDispute } from '../cashfree-disputes/cashfree-dispute';
import { disputeWebhookPayload } from '../cashfree-disputes/cashfree-dispute.views';
import { paymentWebhookPayload, refundWebhookPayload } from './cashfree-webhook.payloads';
import { cashfreeWebhookSignature, signCashfreeDelivery } from './cashfree-webhook.signer';

const secret = 'cfsk_test_signer_0123456789';
const now = new Date('2024-11-22T18:26:40.000Z');
const order: SandboxCashfreeOrder = newCashfreeOrder({ orderId: 'ord_1', cfOrderId: '2149460581', paymentSessionId: 'session_1' }, {
  orderId: 'ord_1', amountMinor: 17000, currency: 'INR', customer: { id: 'user42', phone: '9999999999', email: null, name: null },
  returnUrl: null, notifyUrl: null, paymentMethods: null, tags: { order_id: 'ord_1' }, note: null, expiresAt: null,
}, now);
const attempt: PaymentAttempt = {
  cfPaymentId: '5114910', status: 'SUCCESS', amountMinor: 17000, method: 'netbanking', message: 'Transaction success', at: now, bankReference: '1234', error: null,
};
const payload = paymentWebhookPayload('PAYMENT_SUCCESS_WEBHOOK', { ...order, status: 'PAID', attempts: [attempt] }, attempt, now);
const sign = (faults = {}, attemptNumber = 1) => signCashfreeDelivery(payload, { secret, webhookVersion: '2023-08-01', faults }, now.getTime(), attemptNumber);
const adapter = new CashfreeAdapter({ appId: 'app', secretKey: secret, baseUrl: 'http://127.0.0.1:1' }, { now: () => now });
const verifies = (delivery: ReturnType<typeof sign>) => {
  try {
    adapter.parseWebhook(Buffer.from(delivery.body), delivery.headers);
    return true;
  } catch {
    return false;
  }
};

describe('signing webhooks the way Cashfree does', () => {
  it('signs the millisecond timestamp and the body concatenated, base64', () => {
    expect(cashfreeWebhookSignature(secret, '1732300000000', '{"a":1}')).toBe(createHmac('sha256', secret).update('1732300000000{"a":1}').digest('base64'));
  });

  it('writes amounts with their paise, as Cashfree does, and signs exactly the bytes it sends', () => {
    const delivery = sign();
    expect(delivery.body).toContain('"payment_amount":170.00');
    expect(delivery.body).toContain('"order_amount":170.00');
    expect(delivery.headers['x-webhook-signature']).toBe(cashfreeWebhookSignature(secret, String(now.getTime()), delivery.body));
    expect(delivery.headers).toMatchObject({ 'x-webhook-timestamp': String(now.getTime()), 'x-webhook-version': '2023-08-01', 'x-webhook-attempt': '1' });
  });

  it('produces a delivery the adapter verifies and reads as a payment of 17000 paise', () => {
    expect(adapter.parseWebhook(Buffer.from(sign().body), sign().headers)).toMatchObject({ event: { kind: 'payment.succeeded', amountMinor: 17000 } });
  });

  it('numbers each attempt of a delivery', () => {
    expect(sign({}, 3).headers['x-webhook-attempt']).toBe('3');
  });

  it('signs with a timestamp ten minutes old when asked for a stale timestamp, which the adapter refuses', () => {
    const delivery = sign({ staleTimestamp: true });
    expect(delivery.signatureTimestamp).toBe(now.getTime() - 600_000);
    expect(verifies(delivery)).toBe(false);
  });

  it('raises the amounts by one rupee after signing when asked to tamper, which breaks the signature', () => {
    const delivery = sign({ tamperAmount: true });
    expect(delivery.tampered).toBe(true);
    expect(delivery.body).toContain('"payment_amount":171.00');
    expect(verifies(delivery)).toBe(false);
  });

  it('sends refund ids as numbers, as Cashfree’s refund webhook does', () => {
    const refund = {
      cfRefundId: '11325632', refundId: 'refund-1', cfPaymentId: '5114910', amountMinor: 5000, status: 'SUCCESS' as const, note: null,
      speed: 'STANDARD' as const, createdAt: now, processedAt: now, description: 'Refund processed successfully',
    };
    const body = signCashfreeDelivery(refundWebhookPayload(order, refund, now), { secret, webhookVersion: '2023-08-01', faults: {} }, now.getTime(), 1).body;
    expect(body).toContain('"cf_refund_id":11325632');
    expect(body).toContain('"refund_amount":50.00');
  });

  it('signs a dispute webhook the adapter reads as opened, and tampers with its dispute amount when asked', () => {
    const paidOrder = { ...order, status: 'PAID' as const, attempts: [attempt] };
    const dispute = newDispute({ disputeId: '433475001', orderId: 'ord_1', cfPaymentId: '5114910', fee: { feeMinor: 50_000, taxOnFeeMinor: 9_000 } },
      { type: 'CHARGEBACK', amountMinor: 17000, reasonCode: '13.1' }, now);
    const disputePayload = disputeWebhookPayload('DISPUTE_CREATED', dispute, paidOrder, now);
    const signing = (faults = {}) => signCashfreeDelivery(disputePayload, { secret, webhookVersion: '2023-08-01', faults }, now.getTime(), 1);
    expect(signing().body).toContain('"dispute_id":"433475001"');
    expect(adapter.parseWebhook(Buffer.from(signing().body), signing().headers)).toMatchObject({ event: { kind: 'dispute.opened', amountMinor: 17000, dispute: { paymentId: '5114910' } } });
    const tampered = signing({ tamperAmount: true });
    expect(tampered.body).toContain('"dispute_amount":171.00');
    expect(verifies(tampered)).toBe(false);
  });
});
