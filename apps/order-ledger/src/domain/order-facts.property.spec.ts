import fc from 'fast-check';
import { OrderCommand } from './order.commands';
import { OrderEvent } from './order.events';
import { attemptFailed, failOrder, history, paymentSucceeded, placeOrder, stateOf } from './order.test-fixtures';

/** Everything one order may be told, from both topics: its placement and the provider's facts. */
const FACTS: readonly OrderCommand[] = [
  placeOrder,
  attemptFailed('evt-f1', 'pay-0'),
  attemptFailed('evt-f2', 'pay-0'),
  paymentSucceeded({ providerEventId: 'evt-1', providerPaymentId: 'pay-1' }),
];

/**
 * What must not depend on when the messages came: the status, what was paid, the money events, and
 * every failed attempt on record exactly once (applied, or kept as late after the payment).
 */
function outcome(events: readonly OrderEvent[]) {
  const state = stateOf(events);
  const count = (type: OrderEvent['type']) => events.filter((event) => event.type === type).length;
  return {
    status: state.status,
    paidWith: 'providerPaymentId' in state ? state.providerPaymentId : null,
    orderPaid: count('OrderPaid'),
    paymentSucceeded: count('PaymentSucceeded'),
    attemptsOnRecord: count('PaymentAttemptFailed')
      + events.filter((event) => event.type === 'LatePaymentEventRecorded' && event.data.kind === 'PaymentAttemptFailed').length,
    flags: count('OrderFlaggedForReview'),
  };
}

/** A delivery order: every message at least once, some twice or three times, in any order. */
const deliveries = fc
  .tuple(fc.array(fc.nat({ max: FACTS.length - 1 }), { maxLength: 6 }), fc.infiniteStream(fc.nat()))
  .map(([repeats, seeds]) => {
    const messages = [...FACTS, ...repeats.map((i) => FACTS[i])];
    const order = messages.map((message) => ({ message, sortKey: seeds.next().value }));
    return order.sort((a, b) => a.sortKey - b.sortKey).map(({ message }) => message);
  });

describe('an order told its facts in any order, any number of times', () => {
  const inOrder = outcome(history(...FACTS));

  it('ends in the same state, with the same money events and one OrderPaid', () => {
    fc.assert(
      fc.property(deliveries, (messages) => {
        expect(outcome(history(...messages))).toEqual(inOrder);
      }),
      { numRuns: 500 },
    );
    expect(inOrder).toMatchObject({ status: 'Paid', orderPaid: 1, paymentSucceeded: 1, attemptsOnRecord: 2, flags: 0 });
  });

  it('a second, different payment is flagged once whatever the order, never paid twice', () => {
    const second = paymentSucceeded({ providerEventId: 'evt-2', providerPaymentId: 'pay-2' });
    const facts = [...FACTS, second];
    fc.assert(
      fc.property(fc.shuffledSubarray(facts, { minLength: facts.length }), fc.boolean(), (messages, repeat) => {
        const events = history(...messages, ...(repeat ? messages : []));
        const result = outcome(events);
        expect(result.status).toBe('Paid');
        expect(result.orderPaid).toBe(1);
        expect(result.flags).toBe(1);
      }),
      { numRuns: 300 },
    );
  });

  it('a session closed before any payment ends failed, whichever topic came first', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([placeOrder, failOrder('evt-c1'), attemptFailed('evt-f1')], { minLength: 3 }), (messages) => {
        expect(stateOf(history(...messages)).status).toBe('Failed');
      }),
    );
  });
});
