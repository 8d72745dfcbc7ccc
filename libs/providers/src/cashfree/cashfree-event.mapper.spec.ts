import type { CashfreeWebhookEnvelope } from './cashfree-api.types';
import { toParsedWebhook } from './cashfree-event.mapper';

const receivedAt = new Date('2024-11-22T18:30:00.000Z');
const order = { order_id: 'ord_1', order_amount: 170, order_currency: 'INR', order_tags: { order_id: 'ord_1' } };
const payment = (fields: Record<string, unknown> = {}) => ({
  cf_payment_id: '5114910', payment_status: 'SUCCESS', payment_amount: 170, payment_currency: 'INR', payment_message: 'Transaction success',
  payment_time: '2024-11-22T23:55:00+05:30', payment_group: 'upi', ...fields,
});
const webhook = (type: string, data: Record<string, unknown>): CashfreeWebhookEnvelope =>
  ({ type, event_time: '2024-11-22T23:56:40+05:30', data }) as CashfreeWebhookEnvelope;
const parse = (envelope: CashfreeWebhookEnvelope, raw = JSON.stringify(envelope)) => toParsedWebhook(envelope, Buffer.from(raw), receivedAt);
const refund = (fields: Record<string, unknown> = {}) => ({
  cf_refund_id: 11325632, cf_payment_id: 5114910, refund_id: 'refund-ord_1-1', order_id: 'ord_1', refund_amount: 50.5, refund_currency: 'INR',
  refund_status: 'SUCCESS', status_description: 'Refund processed successfully', ...fields,
});

describe('Cashfree webhooks in neutral terms', () => {
  it('reads a successful attempt as a payment of its amount in paise, for our order, with an event id derived from the attempt', () => {
    expect(parse(webhook('PAYMENT_SUCCESS_WEBHOOK', { order, payment: payment() }))).toEqual({
      accepted: true,
      providerEventId: 'PAYMENT_SUCCESS_WEBHOOK:5114910:SUCCESS',
      providerType: 'PAYMENT_SUCCESS_WEBHOOK',
      event: {
        kind: 'payment.succeeded', provider: 'cashfree', providerEventId: 'PAYMENT_SUCCESS_WEBHOOK:5114910:SUCCESS', providerObjectId: '5114910',
        providerPaymentReference: 'ord_1', orderId: 'ord_1', amountMinor: 17000, currency: 'INR', occurredAt: '2024-11-22T18:26:40.000Z',
        providerType: 'PAYMENT_SUCCESS_WEBHOOK',
      },
    });
  });

  it('reads a failed attempt as payment.failed that ends only the attempt, with the bank’s description as reason', () => {
    const parsed = parse(webhook('PAYMENT_FAILED_WEBHOOK', {
      order, payment: payment({ payment_status: 'FAILED', payment_message: 'Insufficient funds' }),
      error_details: { error_code: 'TRANSACTION_DECLINED', error_description: 'issuer bank declined the transaction', error_reason: 'insufficient_funds' },
    }));
    expect(parsed).toMatchObject({
      providerEventId: 'PAYMENT_FAILED_WEBHOOK:5114910:FAILED',
      event: { kind: 'payment.failed', ends: 'attempt', orderId: 'ord_1', amountMinor: 17000, reason: 'issuer bank declined the transaction', reasonCode: 'insufficient_funds' },
    });
  });

  it('codes a failure from error_code when error_reason is free text, from the status when neither is a code, never from payment_message', () => {
    const failed = (errorDetails: Record<string, unknown> | null) => parse(webhook('PAYMENT_FAILED_WEBHOOK', {
      order, payment: payment({ payment_status: 'FAILED', payment_message: 'card 4111 1111 1111 1111 cvc 123 declined' }), error_details: errorDetails,
    }));
    expect(failed({ error_code: 'TRANSACTION_DECLINED', error_reason: 'the bank said no' })).toMatchObject({ event: { reasonCode: 'transaction_declined' } });
    expect(failed({ error_description: 'declined' })).toMatchObject({ event: { reasonCode: 'failed', reason: 'declined' } });
    expect(failed(null)).toMatchObject({ event: { reasonCode: 'failed', reason: 'card 4111 1111 1111 1111 cvc 123 declined' } });
  });

  it('reads a dropped attempt as payment.abandoned that ends only the attempt: the order stays ACTIVE at Cashfree', () => {
    const parsed = parse(webhook('PAYMENT_USER_DROPPED_WEBHOOK', {
      order, payment: payment({ cf_payment_id: 5114911, payment_status: 'USER_DROPPED', payment_message: null }),
      error_details: { error_description: 'user dropped and did not complete the two factor authentication' },
    }));
    expect(parsed).toMatchObject({
      providerEventId: 'PAYMENT_USER_DROPPED_WEBHOOK:5114911:USER_DROPPED',
      event: {
        kind: 'payment.abandoned', ends: 'attempt', providerObjectId: '5114911', reason: 'user dropped and did not complete the two factor authentication', reasonCode: 'user_dropped',
      },
    });
  });

  it('gives every redelivery of the same webhook the same event id, and different attempts different ids', () => {
    const first = parse(webhook('PAYMENT_FAILED_WEBHOOK', { order, payment: payment({ payment_status: 'FAILED' }) }));
    const again = parse(webhook('PAYMENT_FAILED_WEBHOOK', { order, payment: payment({ payment_status: 'FAILED' }) }));
    const another = parse(webhook('PAYMENT_FAILED_WEBHOOK', { order, payment: payment({ cf_payment_id: '5114912', payment_status: 'FAILED' }) }));
    expect(again.providerEventId).toBe(first.providerEventId);
    expect(another.providerEventId).not.toBe(first.providerEventId);
  });

  it('upper-cases the currency and falls back to the order’s when the payment names none', () => {
    const parsed = parse(webhook('PAYMENT_SUCCESS_WEBHOOK', { order: { ...order, order_currency: 'inr' }, payment: payment({ payment_currency: undefined }) }));
    expect(parsed).toMatchObject({ event: { currency: 'INR', amountMinor: 17000 } });
  });

  it('reports an amount with more than two decimals as unreadable rather than rounding it', () => {
    const parsed = parse(webhook('PAYMENT_SUCCESS_WEBHOOK', { order, payment: payment({ payment_amount: 170.005 }) }));
    expect(parsed).toMatchObject({ event: { kind: 'payment.succeeded', amountMinor: null, reason: expect.stringMatching(/payment_amount 170.005 INR is not a valid amount/) } });
  });

  it('falls back to the time of receipt when event_time is missing or unreadable', () => {
    const parsed = parse({ ...webhook('PAYMENT_SUCCESS_WEBHOOK', { order, payment: payment() }), event_time: 'yesterday' });
    expect(parsed).toMatchObject({ event: { occurredAt: receivedAt.toISOString() } });
  });

  it.each([
    ['SUCCESS', 'refund.succeeded', undefined, undefined],
    ['CANCELLED', 'refund.failed', 'Refund cancelled: the account is closed', 'refund_cancelled'],
    ['FAILED', 'refund.failed', 'Refund cancelled: the account is closed', 'refund_failed'],
  ])('reads a %s refund as %s, named <order_id>:<refund_id> as the adapter’s refund names it', (status, kind, reason, reasonCode) => {
    const description = status === 'SUCCESS' ? 'Refund processed successfully' : 'Refund cancelled: the account is closed';
    const parsed = parse(webhook('REFUND_STATUS_WEBHOOK', { refund: refund({ refund_status: status, status_description: description }) }));
    expect(parsed).toMatchObject({
      providerEventId: `REFUND_STATUS_WEBHOOK:11325632:${status}`,
      event: {
        kind, providerObjectId: 'ord_1:refund-ord_1-1', providerPaymentReference: 'ord_1', orderId: 'ord_1', refundId: 'refund-ord_1-1', amountMinor: 5050, currency: 'INR',
      },
    });
    expect('event' in parsed ? parsed.event.reason : 'ignored').toBe(reason);
    expect('event' in parsed ? parsed.event.reasonCode : 'ignored').toBe(reasonCode);
  });

  it.each(['PENDING', 'ONHOLD'])('ignores a refund that is still %s', (status) => {
    expect(parse(webhook('REFUND_STATUS_WEBHOOK', { refund: refund({ refund_status: status }) }))).toMatchObject({ accepted: true, ignored: true });
  });

  it.each(['PAYMENT_CHARGES_WEBHOOK', 'AUTO_REFUND_STATUS_WEBHOOK', 'SETTLEMENT_WEBHOOK', 'toString'])('ignores %s with an id derived from the body', (type) => {
    const envelope = webhook(type, { order, payment: payment() });
    const parsed = parse(envelope);
    expect(parsed).toEqual({ accepted: true, ignored: true, providerEventId: expect.stringMatching(new RegExp(`^${type}:sha256:[0-9a-f]{32}$`)), providerType: type });
    expect(parse(envelope).providerEventId).toBe(parsed.providerEventId);
  });

  it('refuses a payment webhook that names no attempt or no order as a missing field, naming it', () => {
    expect(() => parse(webhook('PAYMENT_SUCCESS_WEBHOOK', { order, payment: payment({ cf_payment_id: null }) })))
      .toThrow(expect.objectContaining({ name: 'WebhookPayloadError', code: 'WEBHOOK.MISSING_FIELD', message: 'the webhook has no data.payment.cf_payment_id' }));
    expect(() => parse(webhook('PAYMENT_SUCCESS_WEBHOOK', { payment: payment() }))).toThrow(expect.objectContaining({ code: 'WEBHOOK.MISSING_FIELD', message: 'the webhook has no data.order' }));
    expect(() => parse(webhook('REFUND_STATUS_WEBHOOK', { refund: refund({ refund_id: '' }) }))).toThrow(/no data\.refund\.refund_id/);
  });

  it('refuses ids, statuses and currencies it could not use as an invalid field rather than publishing them half-read', () => {
    const invalid = (data: Record<string, unknown>) => () => parse(webhook('PAYMENT_SUCCESS_WEBHOOK', data));
    expect(invalid({ order, payment: payment({ cf_payment_id: 'card 4111 1111 1111 1111' }) })).toThrow(expect.objectContaining({ code: 'WEBHOOK.INVALID_FIELD' }));
    expect(invalid({ order, payment: payment({ payment_status: { status: 'SUCCESS' } }) })).toThrow(/data\.payment\.payment_status is not an identifier/);
    expect(invalid({ order, payment: payment({ payment_currency: 356 }) })).toThrow(/data\.payment\.payment_currency is not a three-letter currency code/);
    expect(invalid({ order: [order], payment: payment() })).toThrow(/data\.order is not an object/);
  });
});
