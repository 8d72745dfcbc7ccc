import { OrderError } from './order.errors';
import { SettledOrder, refundableRemainder } from './order.state';
import {
  ORDER_ID, history, paymentSucceeded, placeOrder, refundFailed, refundSucceeded, requestRefund, stateOf, typesOf, when,
} from './order.test-fixtures';

const paid = () => history(placeOrder, paymentSucceeded());
const remainderAfter = (...events: Parameters<typeof stateOf>[0][]) => refundableRemainder(stateOf(events.flat()) as SettledOrder);
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as OrderError).code;
  }
  return 'accepted';
};

describe('refunds', () => {
  it('given a paid order, when part is refunded, then it is PartiallyRefunded with the rest remaining', () => {
    const events = history(placeOrder, paymentSucceeded(), requestRefund('r1', 20000), refundSucceeded('r1', 20000));
    expect(events.slice(-2)).toEqual([
      { type: 'RefundSucceeded', data: { orderId: ORDER_ID, refundId: 'r1', amountMinor: 20000, currency: 'INR', succeededAt: expect.any(String) } },
      { type: 'OrderPartiallyRefunded', data: { orderId: ORDER_ID, refundedMinor: 20000, remainingMinor: 38882, currency: 'INR' } },
    ]);
    expect(stateOf(events).status).toBe('PartiallyRefunded');
  });

  it('given a partially refunded order, when the rest is refunded, then it is Refunded', () => {
    const events = history(
      placeOrder, paymentSucceeded(), requestRefund('r1', 20000), refundSucceeded('r1', 20000), requestRefund('r2', 38882), refundSucceeded('r2', 38882),
    );
    expect(events.at(-1)).toEqual({ type: 'OrderRefunded', data: { orderId: ORDER_ID, refundedMinor: 58882, currency: 'INR' } });
    expect(stateOf(events).status).toBe('Refunded');
  });

  it('given a paid order, when a refund is requested, then the remainder counts it while it is pending', () => {
    const given = history(placeOrder, paymentSucceeded(), requestRefund('r1', 50000));
    expect(remainderAfter(given)).toBe(8882);
    expect(stateOf(given).status).toBe('Paid');
    expect(refusal(() => when(given, requestRefund('r2', 8883)))).toBe('ORDER.REFUND_EXCEEDS_REMAINDER');
    expect(typesOf(when(given, requestRefund('r2', 8882)))).toEqual(['RefundRequested']);
  });

  it('given a pending refund, when it fails, then its amount is refundable again', () => {
    const given = history(placeOrder, paymentSucceeded(), requestRefund('r1', 50000), refundFailed('r1'));
    expect(remainderAfter(given)).toBe(58882);
    expect(when(given, refundFailed('r1'))).toEqual([]);
    expect(refusal(() => when(given, refundSucceeded('r1', 50000)))).toBe('ORDER.INVALID_TRANSITION');
  });

  it('given a paid order, when more than was paid is requested, then the refund is refused', () => {
    expect(refusal(() => when(paid(), requestRefund('r1', 58883)))).toBe('ORDER.REFUND_EXCEEDS_REMAINDER');
  });

  it.each([0, -5, 1.5, Number.NaN])('given a paid order, when %p is requested, then the amount is refused', (amount) => {
    expect(refusal(() => when(paid(), requestRefund('r1', amount)))).toBe('ORDER.INVALID_AMOUNT');
  });

  it('given a requested refund, when the same request is repeated, then nothing new is decided', () => {
    const given = history(placeOrder, paymentSucceeded(), requestRefund('r1', 1000));
    expect(when(given, requestRefund('r1', 1000))).toEqual([]);
    expect(refusal(() => when(given, requestRefund('r1', 2000)))).toBe('ORDER.REFUND_CONFLICT');
  });

  it('given a refunded order, when the last refund request is replayed, then nothing new is decided', () => {
    const given = history(placeOrder, paymentSucceeded(), requestRefund('r1', 58882), refundSucceeded('r1', 58882));
    expect(when(given, requestRefund('r1', 58882))).toEqual([]);
    expect(when(given, refundSucceeded('r1', 58882))).toEqual([]);
    expect(refusal(() => when(given, requestRefund('r2', 1)))).toBe('ORDER.NOT_REFUNDABLE');
  });

  it('given a pending refund, when the provider reports another amount, then the outcome is refused', () => {
    const given = history(placeOrder, paymentSucceeded(), requestRefund('r1', 1000));
    expect(refusal(() => when(given, refundSucceeded('r1', 999)))).toBe('ORDER.REFUND_AMOUNT_MISMATCH');
  });

  it('given a succeeded refund, when a failure for it arrives, then it is refused', () => {
    const given = history(placeOrder, paymentSucceeded(), requestRefund('r1', 1000), refundSucceeded('r1', 1000));
    expect(refusal(() => when(given, refundFailed('r1')))).toBe('ORDER.INVALID_TRANSITION');
  });

  it('given two partial refunds in flight, when both succeed, then the totals add up', () => {
    const events = history(
      placeOrder, paymentSucceeded(), requestRefund('a', 10000), requestRefund('b', 15000), refundSucceeded('b', 15000), refundSucceeded('a', 10000),
    );
    expect(events.at(-1)).toMatchObject({ type: 'OrderPartiallyRefunded', data: { refundedMinor: 25000, remainingMinor: 33882 } });
    expect(remainderAfter(events)).toBe(33882);
  });

  it('given a paid order, when a refund names no amount, then it refunds what is still refundable, pending refunds counted', () => {
    const given = history(placeOrder, paymentSucceeded(), requestRefund('r1', 20000));
    const [requested] = when(given, { type: 'RequestRefund', data: { refundId: 'r2' } });
    expect(requested).toMatchObject({ type: 'RefundRequested', data: { refundId: 'r2', amountMinor: 38882 } });
    const after = history(placeOrder, paymentSucceeded(), requestRefund('r1', 20000), { type: 'RequestRefund', data: { refundId: 'r2' } });
    expect(when(after, { type: 'RequestRefund', data: { refundId: 'r2' } })).toEqual([]);
    expect(refusal(() => when(after, { type: 'RequestRefund', data: { refundId: 'r3' } }))).toBe('ORDER.NOT_REFUNDABLE');
  });
});
