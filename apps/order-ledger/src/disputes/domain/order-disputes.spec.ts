import fc from 'fast-check';
import { OrderCommand } from '../../domain/order.commands';
import { OrderEvent } from '../../domain/order.events';
import { PlacedOrder } from '../../domain/order.state';
import { HISTORIES, disputeReported, history, paymentSucceeded, placeOrder, refundSucceeded, requestRefund, stateOf, typesOf, when } from '../../domain/order.test-fixtures';

const disputeTypes = (events: readonly OrderEvent[]) => typesOf(events).filter((type) => type.startsWith('Dispute') || type.startsWith('LateDispute'));
const disputesOf = (events: readonly OrderEvent[]) => (stateOf(events) as PlacedOrder).disputes;

describe('disputes on the order', () => {
  it('a dispute before the order is placed waits on the stream, and is decided once the order is placed and paid', () => {
    const events = history(disputeReported('opened'), disputeReported('opened'), placeOrder, paymentSucceeded());
    expect(typesOf(events)).toEqual(['ProviderFactReceivedEarly', 'OrderPlaced', 'DisputeReceivedBeforePayment', 'PaymentSucceeded', 'OrderPaid', 'DisputeOpened']);
  });

  it('a dispute on a placed order not paid yet waits for the payment, once however often delivered', () => {
    const given = history(placeOrder, disputeReported('opened'), disputeReported('opened'), disputeReported('won'));
    expect(typesOf(given)).toEqual(['OrderPlaced', 'DisputeReceivedBeforePayment', 'DisputeReceivedBeforePayment']);
    expect(stateOf(given).status).toBe('Pending');
    const paying = when(given, paymentSucceeded());
    expect(typesOf(paying)).toEqual(['PaymentSucceeded', 'OrderPaid', 'DisputeOpened', 'DisputeWon']);
    const after = [...given, ...paying];
    expect(disputesOf(after)).toMatchObject([{ disputeId: 'du-1', stage: 'won' }]);
    expect((stateOf(after) as PlacedOrder).disputesAwaitingPayment).toEqual([]);
    expect(when(after, disputeReported('won'))).toEqual([]);
  });

  it.each([
    ['partially refunded', () => history(placeOrder, paymentSucceeded(), requestRefund('r1', 1000), refundSucceeded('r1', 1000))],
    ['refunded', () => history(placeOrder, paymentSucceeded(), requestRefund('r1', 58882), refundSucceeded('r1', 58882))],
  ])('a %s order can be disputed, for the amount the provider reports', (_status, given) => {
    const events = when(given(), disputeReported('opened', { amountMinor: 20000 }));
    expect(events).toMatchObject([{ type: 'DisputeOpened', data: { amountMinor: 20000 } }]);
  });

  it.each(['Failed', 'Expired'] as const)('a dispute on a %s order is kept until a payment is applied, never applied', (status) => {
    expect(typesOf(when(HISTORIES[status](), disputeReported('lost')))).toEqual(['DisputeReceivedBeforePayment']);
  });
});

/** The reports one dispute may get, each possibly several times, in any order. */
const REPORTS: readonly OrderCommand[] = [disputeReported('opened'), disputeReported('updated'), disputeReported('won')];
const CONFLICTING: readonly OrderCommand[] = [disputeReported('opened'), disputeReported('won'), disputeReported('lost')];

const deliveries = (reports: readonly OrderCommand[]) => fc
  .tuple(fc.array(fc.nat({ max: reports.length - 1 }), { maxLength: 5 }), fc.infiniteStream(fc.nat()), fc.nat({ max: reports.length + 3 }))
  .map(([repeats, seeds, paymentAt]) => {
    const messages = [...reports, ...repeats.map((i) => reports[i])].map((message) => ({ message, key: seeds.next().value }));
    const ordered = messages.sort((a, b) => a.key - b.key).map(({ message }) => message);
    // The order's placement and payment come somewhere among them (before, between or after).
    const at = Math.min(paymentAt, ordered.length);
    return [...ordered.slice(0, at), placeOrder, paymentSucceeded(), ...ordered.slice(at)];
  });

describe('dispute reports in any order and repeated', () => {
  it('open, update and win in any order, with duplicates, before or after the payment: opened once, won once', () => {
    fc.assert(fc.property(deliveries(REPORTS), (commands) => {
      const events = history(...commands);
      const counts = disputeTypes(events).filter((type) => type !== 'DisputeStatusRecorded' && type !== 'DisputeReceivedBeforePayment');
      expect(counts).toEqual(['DisputeOpened', 'DisputeWon']);
      expect(disputesOf(events)).toMatchObject([{ stage: 'won', amountMinor: 58882, feeMinor: 1500 }]);
    }), { numRuns: 300 });
  });

  it('a win and a loss in any order: the first outcome stands, the other is recorded as late', () => {
    fc.assert(fc.property(deliveries(CONFLICTING), (commands) => {
      const events = history(...commands);
      const outcomes = disputeTypes(events).filter((type) => type === 'DisputeWon' || type === 'DisputeLost');
      expect(outcomes).toHaveLength(1);
      expect(disputeTypes(events).filter((type) => type === 'DisputeOpened')).toHaveLength(1);
      expect(disputeTypes(events).filter((type) => type === 'LateDisputeOutcomeRecorded')).toHaveLength(1);
      expect(disputesOf(events)[0].stage).toBe(outcomes[0] === 'DisputeWon' ? 'won' : 'lost');
    }), { numRuns: 300 });
  });
});
