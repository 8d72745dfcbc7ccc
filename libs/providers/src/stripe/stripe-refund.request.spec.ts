import type Stripe from 'stripe';
import type { RefundInput } from '../port/payment-provider.port';
import { assertRefundInput, refundParams, refundStatusOf, toRetrievedRefund } from './stripe-refund.request';

const input: RefundInput = {
  providerReference: 'pi_1', amountMinor: 1000, currency: 'USD', orderId: 'ord_1', refundId: 'rf_1', idempotencyKey: 'refund-rf_1',
};

describe('Stripe refund requests', () => {
  it('refunds a PaymentIntent by the amount asked, with our order and refund ids as metadata', () => {
    expect(refundParams({ ...input, reason: 'requested_by_customer' })).toEqual({
      payment_intent: 'pi_1', amount: 1000, metadata: { order_id: 'ord_1', refund_id: 'rf_1' }, reason: 'requested_by_customer',
    });
  });

  it('sends no amount for a full refund, so Stripe refunds what is left', () => {
    expect(refundParams({ ...input, amountMinor: undefined })).not.toHaveProperty('amount');
  });

  it.each([
    ['a Checkout Session instead of a PaymentIntent', { providerReference: 'cs_1' }],
    ['a fractional amount', { amountMinor: 10.5 }],
    ['a zero amount', { amountMinor: 0 }],
    ['an unknown currency', { currency: 'XYZ' }],
    ['a missing refund id', { refundId: '' }],
    ['a missing idempotency key', { idempotencyKey: '' }],
  ])('refuses %s before calling Stripe', (_label, change) => {
    expect(() => assertRefundInput({ ...input, ...change })).toThrow(expect.objectContaining({ code: 'PROVIDER.INVALID_REQUEST' }));
  });

  it.each([
    ['succeeded', 'succeeded'], ['failed', 'failed'], ['canceled', 'canceled'], ['pending', 'pending'], ['requires_action', 'pending'], [null, 'pending'],
  ] as const)('reads Stripe status %p as %p', (status, expected) => {
    expect(refundStatusOf(status)).toBe(expected);
  });

  it('reads a retrieved refund with its payment, our ids, an upper-case currency and the failure reason', () => {
    const refund = {
      id: 're_1', object: 'refund', amount: 1000, currency: 'usd', status: 'failed', payment_intent: 'pi_1',
      metadata: { order_id: 'ord_1', refund_id: 'rf_1' }, failure_reason: 'expired_or_canceled_card',
    } as unknown as Stripe.Refund;
    expect(toRetrievedRefund(refund)).toEqual({
      providerRefundId: 're_1', status: 'failed', amountMinor: 1000, currency: 'USD', providerReference: 'pi_1',
      orderId: 'ord_1', refundId: 'rf_1', failureReason: 'expired_or_canceled_card',
    });
  });
});
