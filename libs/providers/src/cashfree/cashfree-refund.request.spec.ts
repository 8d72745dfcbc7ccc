import type { RefundInput } from '../port/payment-provider.port';
import { ProviderError } from '../port/provider.errors';
import {
  assertRefundableInput, cashfreeRefundReference, createRefundBody, parseRefundReference, refundStatusOf, toRetrievedRefund,
} from './cashfree-refund.request';

const input: RefundInput = {
  providerReference: '3f0c1b9e-6a2d-5c4b-9e8f-0a1b2c3d4e5f',
  amountMinor: 5050,
  currency: 'INR',
  orderId: '3f0c1b9e-6a2d-5c4b-9e8f-0a1b2c3d4e5f',
  refundId: '8d1e2f3a-4b5c-5d6e-8f70-8192a3b4c5d6',
  idempotencyKey: 'refund-8d1e2f3a-4b5c-5d6e-8f70-8192a3b4c5d6',
  reason: 'requested_by_customer',
};

function refusal(call: () => void): ProviderError {
  try {
    call();
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}

describe('Cashfree refund requests', () => {
  it('sends the amount as an exact decimal and our refund id as Cashfree’s refund_id', () => {
    expect(createRefundBody(input, 5050)).toBe(
      '{"refund_amount":50.50,"refund_id":"8d1e2f3a-4b5c-5d6e-8f70-8192a3b4c5d6","refund_note":"requested_by_customer","refund_speed":"STANDARD"}',
    );
  });

  it('names a refund <order_id>:<refund_id> and reads that name back', () => {
    const reference = cashfreeRefundReference(input.orderId, input.refundId);
    expect(reference).toBe(`${input.orderId}:${input.refundId}`);
    expect(parseRefundReference(reference)).toEqual({ orderId: input.orderId, refundId: input.refundId });
  });

  it.each(['11325632', 'ord_1:', 'a:b:c', 'ord 1:refund_1'])('refuses %p as a refund reference', (reference) => {
    expect(refusal(() => parseRefundReference(reference))).toMatchObject({ code: 'PROVIDER.INVALID_REQUEST' });
  });

  it.each([
    ['SUCCESS', 'succeeded'], ['CANCELLED', 'canceled'], ['FAILED', 'failed'], ['PENDING', 'pending'], ['ONHOLD', 'pending'],
  ])('reads refund status %s as %s', (status, expected) => {
    expect(refundStatusOf(status)).toBe(expected);
  });

  it('reads a cancelled refund with the order, our refund id and Cashfree’s description as the failure reason', () => {
    expect(toRetrievedRefund({
      cf_refund_id: '99', order_id: input.orderId, refund_id: input.refundId, refund_amount: 50.5, refund_currency: 'INR',
      refund_status: 'CANCELLED', status_description: 'Refund cancelled by the bank',
    })).toEqual({
      providerRefundId: `${input.orderId}:${input.refundId}`, status: 'canceled', amountMinor: 5050, currency: 'INR',
      providerReference: input.orderId, orderId: input.orderId, refundId: input.refundId, failureReason: 'Refund cancelled by the bank',
    });
  });

  it.each([
    ['an order id Cashfree would refuse', { providerReference: 'pi_1 2' }, /order id/],
    ['a zero amount', { amountMinor: 0 }, /refunds nothing/],
    ['a fractional amount', { amountMinor: 50.5 }, /minor units/],
    ['a currency other than INR', { currency: 'USD' }, /INR only/],
    ['a refund id longer than 40 characters', { refundId: 'r'.repeat(41) }, /refund id/],
    ['a missing idempotency key', { idempotencyKey: '' }, /idempotency key/],
  ])('refuses %s before calling Cashfree', (_label, change, message) => {
    expect(refusal(() => assertRefundableInput({ ...input, ...change }))).toMatchObject({ code: 'PROVIDER.INVALID_REQUEST', message: expect.stringMatching(message) });
  });
});
