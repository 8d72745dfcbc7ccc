import { OrderCommand } from './order.commands';
import { OrderEvent } from './order.events';
import { ORDER_ID, attemptFailed, failOrder, history, paymentSucceeded, placeOrder, refundSucceeded, stateOf, typesOf, when } from './order.test-fixtures';

const unmatched: OrderCommand = { type: 'RecordUnmatchedFacts', data: { orderId: ORDER_ID } };
const withoutTimes = (events: readonly OrderEvent[]) => events.filter((event) => event.type !== 'ProviderFactReceivedEarly');

describe('provider facts that arrive before the order is placed', () => {
  it('a payment before its order is recorded on the stream, not refused', () => {
    const events = history(paymentSucceeded());
    expect(typesOf(events)).toEqual(['ProviderFactReceivedEarly']);
    expect(stateOf(events)).toMatchObject({ status: 'Initial', earlyFacts: [paymentSucceeded()] });
  });

  it('the same payment delivered twice before the order is kept once', () => {
    expect(when(history(paymentSucceeded()), paymentSucceeded())).toEqual([]);
  });

  it('placing the order applies the early payment at once: paid with the same events as in order', () => {
    const early = history(paymentSucceeded(), placeOrder);
    const inOrder = history(placeOrder, paymentSucceeded());
    expect(typesOf(early)).toEqual(['ProviderFactReceivedEarly', 'OrderPlaced', 'PaymentSucceeded', 'OrderPaid']);
    expect(withoutTimes(early)).toEqual(inOrder);
    expect(stateOf(early).status).toBe('Paid');
  });

  it('an early payment of another amount flags the order for review when it is placed, and does not pay it', () => {
    const events = history(paymentSucceeded({ amountMinor: 100 }), placeOrder);
    expect(typesOf(events)).toEqual(['ProviderFactReceivedEarly', 'OrderPlaced', 'PaymentMismatchRecorded', 'OrderFlaggedForReview']);
    expect(stateOf(events)).toMatchObject({ status: 'Pending', reviewFlags: [{ reason: 'AMOUNT_MISMATCH' }] });
  });

  it('an early closed session fails the order when it is placed', () => {
    const events = history(failOrder('evt-closed'), placeOrder);
    expect(typesOf(events)).toEqual(['ProviderFactReceivedEarly', 'OrderPlaced', 'OrderFailed']);
    expect(stateOf(events).status).toBe('Failed');
  });

  it('early facts apply in the order received: a failed attempt then a payment ends paid', () => {
    const events = history(attemptFailed(), paymentSucceeded(), placeOrder);
    expect(typesOf(events).slice(2)).toEqual(['OrderPlaced', 'PaymentAttemptFailed', 'PaymentSucceeded', 'OrderPaid']);
  });

  it('a payment repeated after the early copy was applied adds nothing', () => {
    expect(when(history(paymentSucceeded(), placeOrder), paymentSucceeded())).toEqual([]);
  });

  it('a refund outcome for a refund never requested is recorded and flagged once', () => {
    const events = history(refundSucceeded('r-x', 500), placeOrder);
    expect(typesOf(events)).toEqual(['ProviderFactReceivedEarly', 'OrderPlaced', 'UnexpectedRefundOutcomeRecorded', 'OrderFlaggedForReview']);
    expect(when(events, refundSucceeded('r-x', 500))).toEqual([]);
  });

  it('facts still without an order are surfaced once as unmatched', () => {
    const given = history(paymentSucceeded());
    expect(typesOf(when(given, unmatched))).toEqual(['UnmatchedFactsRecorded']);
    expect(when(history(paymentSucceeded(), unmatched), unmatched)).toEqual([]);
  });

  it('an empty stream has nothing to surface', () => {
    expect(when([], unmatched)).toEqual([]);
  });

  it('an order that turns up after its facts were surfaced still gets them applied', () => {
    const events = history(paymentSucceeded(), unmatched, placeOrder);
    expect(typesOf(events)).toEqual(['ProviderFactReceivedEarly', 'UnmatchedFactsRecorded', 'OrderPlaced', 'PaymentSucceeded', 'OrderPaid']);
  });
});
