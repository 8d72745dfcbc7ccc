import { RefundableOrder, refundRefusal, refundableRemainder } from './refund.policy';

const order = (status: string, amountMinor: number, refundedMinor = 0): RefundableOrder => ({ orderId: 'o-1', status, amountMinor, refundedMinor });

describe('the refund policy', () => {
  it('leaves paid - refunded to refund', () => {
    expect(refundableRemainder(order('paid', 1900))).toBe(1900);
    expect(refundableRemainder(order('partially_refunded', 1900, 500))).toBe(1400);
  });

  it.each([
    ['the whole of a paid order', order('paid', 1900), undefined],
    ['part of a paid order', order('paid', 1900), 500],
    ['exactly the remainder of a paid order', order('paid', 1900), 1900],
    ['the rest of a partially refunded order', order('partially_refunded', 1900, 500), 1400],
  ])('allows refunding %s', (_, refundable, amount) => {
    expect(refundRefusal(refundable, amount)).toBeNull();
  });

  it.each([
    ['a pending order', order('pending', 1900), undefined, 'ORDER.NOT_REFUNDABLE'],
    ['a failed order', order('failed', 1900), 100, 'ORDER.NOT_REFUNDABLE'],
    ['a refunded order', order('refunded', 1900, 1900), undefined, 'ORDER.NOT_REFUNDABLE'],
    ['a paid order with nothing left', order('partially_refunded', 1900, 1900), undefined, 'ORDER.NOT_REFUNDABLE'],
    ['more than was paid', order('paid', 1900), 1901, 'REFUND.EXCEEDS_REMAINDER'],
    ['more than the remainder', order('partially_refunded', 1900, 500), 1401, 'REFUND.EXCEEDS_REMAINDER'],
  ])('refuses refunding %s', (_, refundable, amount, code) => {
    expect(refundRefusal(refundable, amount)?.code).toBe(code);
  });
});
