import { SandboxCashfreeOrder, newCashfreeOrder, refundableRemainder } from './cashfree-order';
import { requestRefund, settleRefund } from './cashfree-refund.decider';

const now = new Date('2024-11-22T18:00:00Z');
const active = newCashfreeOrder({ orderId: 'ord_1', cfOrderId: '1', paymentSessionId: 's' }, {
  orderId: 'ord_1', amountMinor: 10000, currency: 'INR', customer: { id: 'user42', phone: '9999999999', email: null, name: null },
  returnUrl: null, notifyUrl: null, paymentMethods: null, tags: null, note: null, expiresAt: null,
}, now);
const paid: SandboxCashfreeOrder = {
  ...active, status: 'PAID',
  attempts: [{ cfPaymentId: '77', status: 'SUCCESS', amountMinor: 10000, method: 'upi', message: 'ok', at: now, bankReference: '1', error: null }],
};
const refundOf = (amountMinor: number, refundId = 'r-1') => ({ refundId, amountMinor, note: null, speed: 'STANDARD' as const });

describe('Cashfree refunds in the sandbox', () => {
  it('given a PAID order, when a refund is requested, then it is PENDING against the successful attempt', () => {
    const decision = requestRefund(paid, refundOf(4000), '900', now);
    expect(decision).toMatchObject({ ok: true, refund: { cfRefundId: '900', cfPaymentId: '77', amountMinor: 4000, status: 'PENDING' } });
    expect(decision.ok && refundableRemainder(decision.order)).toBe(6000);
  });

  it('refuses a refund of an order that is not PAID, one over the remainder, and a refund id used before', () => {
    expect(requestRefund(active, refundOf(1), '900', now)).toEqual({ ok: false, reason: 'order_not_paid' });
    expect(requestRefund(paid, refundOf(10001), '900', now)).toEqual({ ok: false, reason: 'exceeds_remainder' });
    const first = requestRefund(paid, refundOf(1000), '900', now);
    expect(first.ok && requestRefund(first.order, refundOf(1000), '901', now)).toEqual({ ok: false, reason: 'refund_exists' });
  });

  it('given a PENDING refund, when it succeeds, then it is SUCCESS with a processing time, and cannot be settled again', () => {
    const requested = requestRefund(paid, refundOf(4000), '900', now);
    const later = new Date('2024-11-22T19:00:00Z');
    const settled = requested.ok ? settleRefund(requested.order, 'r-1', 'SUCCESS', later) : requested;
    expect(settled).toMatchObject({ ok: true, refund: { status: 'SUCCESS', processedAt: later } });
    expect(settled.ok && settleRefund(settled.order, 'r-1', 'CANCELLED', later)).toEqual({ ok: false, reason: 'refund_not_pending' });
  });

  it('given a PENDING refund, when it is cancelled, then its amount can be refunded again', () => {
    const requested = requestRefund(paid, refundOf(10000), '900', now);
    const cancelled = requested.ok ? settleRefund(requested.order, 'r-1', 'CANCELLED', now) : requested;
    expect(cancelled.ok && refundableRemainder(cancelled.order)).toBe(10000);
  });

  it('reports an unknown refund id', () => {
    expect(settleRefund(paid, 'nope', 'SUCCESS', now)).toEqual({ ok: false, reason: 'refund_not_found' });
  });
});
