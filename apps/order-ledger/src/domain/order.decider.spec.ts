import { OrderCommand } from './order.commands';
import { TRANSITIONS, evolve } from './order.decider';
import { OrderEvent } from './order.events';
import { OrderStatus } from './order.state';
import {
  HISTORIES, NOW, ORDER_ID, attemptFailed, disputeAction, disputeReported, expireOrder, failOrder, history, paymentSucceeded, placeOrder,
  refundFailed, refundSucceeded, requestRefund, stateOf, typesOf, when,
} from './order.test-fixtures';

const STATUSES = Object.keys(TRANSITIONS) as OrderStatus[];
/** The same order id with another provider session: a contradiction, never a redelivery. */
const placeOtherSession: OrderCommand = { type: 'PlaceOrder', data: { ...(placeOrder.data as object), providerReference: 'pi_other' } } as OrderCommand;
type Outcome = string[] | `ORDER.${string}`;
/** A refund outcome for a refund the order never requested: on record and flagged, never applied. */
const UNEXPECTED_REFUND = ['UnexpectedRefundOutcomeRecorded', 'OrderFlaggedForReview'];

/** Every command against every status: the events decided, or the error code refusing it. */
const COMMANDS: Record<string, [OrderCommand, Record<OrderStatus, Outcome>]> = {
  PlaceOrder: [placeOtherSession, {
    Initial: ['OrderPlaced'], Pending: 'ORDER.ALREADY_PLACED', Paid: 'ORDER.ALREADY_PLACED', PartiallyRefunded: 'ORDER.ALREADY_PLACED',
    Refunded: 'ORDER.ALREADY_PLACED', Failed: 'ORDER.ALREADY_PLACED', Expired: 'ORDER.ALREADY_PLACED',
  }],
  RecordPaymentSucceeded: [paymentSucceeded({ providerEventId: 'evt-9', providerPaymentId: 'pay-9' }), {
    Initial: ['ProviderFactReceivedEarly'], Pending: ['PaymentSucceeded', 'OrderPaid'],
    Paid: ['DuplicatePaymentRecorded', 'OrderFlaggedForReview'], PartiallyRefunded: ['DuplicatePaymentRecorded', 'OrderFlaggedForReview'],
    Refunded: ['DuplicatePaymentRecorded', 'OrderFlaggedForReview'],
    Failed: ['LatePaymentEventRecorded', 'OrderFlaggedForReview'], Expired: ['LatePaymentEventRecorded', 'OrderFlaggedForReview'],
  }],
  RecordPaymentAttemptFailed: [attemptFailed('evt-f9'), {
    Initial: ['ProviderFactReceivedEarly'], Pending: ['PaymentAttemptFailed'], Paid: ['LatePaymentEventRecorded'],
    PartiallyRefunded: ['LatePaymentEventRecorded'], Refunded: ['LatePaymentEventRecorded'],
    Failed: ['LatePaymentEventRecorded'], Expired: ['LatePaymentEventRecorded'],
  }],
  ExpireOrder: [expireOrder, {
    Initial: 'ORDER.NOT_FOUND', Pending: ['OrderExpired'], Paid: 'ORDER.INVALID_TRANSITION', PartiallyRefunded: 'ORDER.INVALID_TRANSITION',
    Refunded: 'ORDER.INVALID_TRANSITION', Failed: [], Expired: [],
  }],
  FailOrder: [failOrder('evt-c9'), {
    Initial: ['ProviderFactReceivedEarly'], Pending: ['OrderFailed'], Paid: ['LatePaymentEventRecorded'],
    PartiallyRefunded: ['LatePaymentEventRecorded'], Refunded: ['LatePaymentEventRecorded'], Failed: [], Expired: [],
  }],
  RequestRefund: [requestRefund('r9', 100), {
    Initial: 'ORDER.NOT_FOUND', Pending: 'ORDER.NOT_REFUNDABLE', Paid: ['RefundRequested'], PartiallyRefunded: ['RefundRequested'],
    Refunded: 'ORDER.NOT_REFUNDABLE', Failed: 'ORDER.NOT_REFUNDABLE', Expired: 'ORDER.NOT_REFUNDABLE',
  }],
  RecordRefundSucceeded: [refundSucceeded('r9', 100), {
    Initial: ['ProviderFactReceivedEarly'], Pending: UNEXPECTED_REFUND, Paid: UNEXPECTED_REFUND, PartiallyRefunded: UNEXPECTED_REFUND,
    Refunded: UNEXPECTED_REFUND, Failed: UNEXPECTED_REFUND, Expired: UNEXPECTED_REFUND,
  }],
  RecordRefundFailed: [refundFailed('r9'), {
    Initial: ['ProviderFactReceivedEarly'], Pending: UNEXPECTED_REFUND, Paid: UNEXPECTED_REFUND, PartiallyRefunded: UNEXPECTED_REFUND,
    Refunded: UNEXPECTED_REFUND, Failed: UNEXPECTED_REFUND, Expired: UNEXPECTED_REFUND,
  }],
  RecordDisputeReported: [disputeReported('opened'), {
    Initial: ['ProviderFactReceivedEarly'], Pending: ['DisputeReceivedBeforePayment'], Paid: ['DisputeOpened'], PartiallyRefunded: ['DisputeOpened'],
    Refunded: ['DisputeOpened'], Failed: ['DisputeReceivedBeforePayment'], Expired: ['DisputeReceivedBeforePayment'],
  }],
  RecordDisputeAction: [disputeAction(), {
    Initial: 'ORDER.NOT_FOUND', Pending: 'ORDER.DISPUTE_NOT_FOUND', Paid: 'ORDER.DISPUTE_NOT_FOUND', PartiallyRefunded: 'ORDER.DISPUTE_NOT_FOUND',
    Refunded: 'ORDER.DISPUTE_NOT_FOUND', Failed: 'ORDER.DISPUTE_NOT_FOUND', Expired: 'ORDER.DISPUTE_NOT_FOUND',
  }],
  RecordUnmatchedFacts: [{ type: 'RecordUnmatchedFacts', data: { orderId: ORDER_ID } }, {
    Initial: [], Pending: [], Paid: [], PartiallyRefunded: [], Refunded: [], Failed: [], Expired: [],
  }],
};

const MATRIX = Object.entries(COMMANDS).flatMap(([name, [command, outcomes]]) =>
  STATUSES.map((status) => [name, status, command, outcomes[status]] as const),
);

describe('order decider: every command in every status', () => {
  it.each(MATRIX)('%s on an order in status %s', (_name, status, command, outcome) => {
    const given = HISTORIES[status]();
    expect(stateOf(given).status).toBe(status);
    if (typeof outcome === 'string') {
      expect(() => when(given, command)).toThrow(expect.objectContaining({ code: outcome }));
    } else {
      expect(typesOf(when(given, command))).toEqual(outcome);
    }
  });
});

/** The event that moves an order into each status (none moves it back to Initial). */
const ENTERING: Partial<Record<OrderStatus, OrderEvent>> = {
  Pending: history(placeOrder)[0],
  Paid: { type: 'OrderPaid', data: { orderId: ORDER_ID, providerPaymentId: 'pay-x', amountMinor: 58882, currency: 'INR', paidAt: NOW.toISOString() } },
  PartiallyRefunded: { type: 'OrderPartiallyRefunded', data: { orderId: ORDER_ID, refundedMinor: 1, remainingMinor: 58881, currency: 'INR' } },
  Refunded: { type: 'OrderRefunded', data: { orderId: ORDER_ID, refundedMinor: 58882, currency: 'INR' } },
  Failed: { type: 'OrderFailed', data: { orderId: ORDER_ID, reason: 'closed', failedAt: NOW.toISOString() } },
  Expired: { type: 'OrderExpired', data: { orderId: ORDER_ID, expiredAt: NOW.toISOString() } },
};

const PAIRS = STATUSES.flatMap((from) => STATUSES.filter((to) => to !== from && ENTERING[to]).map((to) => [from, to] as const));

describe('order transitions table', () => {
  it('allows exactly the documented lifecycle', () => {
    expect(TRANSITIONS).toEqual({
      Initial: ['Pending'], Pending: ['Paid', 'Failed', 'Expired'], Paid: ['PartiallyRefunded', 'Refunded'],
      PartiallyRefunded: ['Refunded'], Refunded: [], Failed: [], Expired: [],
    });
  });

  it.each(PAIRS.filter(([from, to]) => TRANSITIONS[from].includes(to)))('evolve moves an order from %s to %s', (from, to) => {
    expect(evolve(stateOf(HISTORIES[from]()), ENTERING[to] as OrderEvent).status).toBe(to);
  });

  it.each(PAIRS.filter(([from, to]) => !TRANSITIONS[from].includes(to)))('evolve refuses to move an order from %s to %s', (from, to) => {
    expect(() => evolve(stateOf(HISTORIES[from]()), ENTERING[to] as OrderEvent)).toThrow(
      expect.objectContaining({ code: 'ORDER.INVALID_TRANSITION' }),
    );
  });
});

describe('placing an order', () => {
  it('given no order, when placed, then the order is Pending with the time it was placed', () => {
    const [placed] = when([], placeOrder);
    expect(placed).toEqual({ type: 'OrderPlaced', data: { ...placeOrder.data, placedAt: NOW.toISOString() } });
    expect(stateOf([placed]).status).toBe('Pending');
  });
});

describe('recording payments', () => {
  it('given a pending order, when a matching payment succeeds, then it is paid at the provider time', () => {
    const events = when(history(placeOrder), paymentSucceeded());
    expect(events[1]).toEqual({
      type: 'OrderPaid',
      data: { orderId: ORDER_ID, providerPaymentId: 'pay-1', amountMinor: 58882, currency: 'INR', paidAt: '2025-03-01T09:59:00.000Z' },
    });
  });

  it('given a paid order, when the same provider event arrives again, then nothing new is decided', () => {
    expect(when(history(placeOrder, paymentSucceeded()), paymentSucceeded())).toEqual([]);
  });

  it('given a paid order, when the same payment is reported under another event id (webhook after status check), then nothing new is decided', () => {
    expect(when(history(placeOrder, paymentSucceeded()), paymentSucceeded({ providerEventId: 'status-check-1' }))).toEqual([]);
  });

  it('given a pending order, when attempts fail, then it stays Pending, payable, and counts the attempts once each', () => {
    const given = history(placeOrder, attemptFailed('evt-f1'), attemptFailed('evt-f1'), attemptFailed('evt-f2', 'pay-0'));
    expect(typesOf(given)).toEqual(['OrderPlaced', 'PaymentAttemptFailed', 'PaymentAttemptFailed']);
    expect(stateOf(given)).toMatchObject({ status: 'Pending', failedAttempts: 2 });
    expect(typesOf(when(given, paymentSucceeded()))).toEqual(['PaymentSucceeded', 'OrderPaid']);
  });

  it.each([
    ['amount', { amountMinor: 58881 }, 'AMOUNT_MISMATCH'],
    ['currency', { currency: 'USD' }, 'CURRENCY_MISMATCH'],
  ])('given a pending order, when a payment with another %s succeeds, then it is recorded and flagged, not paid', (_what, overrides, reason) => {
    const given = history(placeOrder, paymentSucceeded(overrides));
    expect(typesOf(given)).toEqual(['OrderPlaced', 'PaymentMismatchRecorded', 'OrderFlaggedForReview']);
    expect(stateOf(given)).toMatchObject({ status: 'Pending', reviewFlags: [{ reason, providerPaymentId: 'pay-1' }] });
    expect(when(given, paymentSucceeded({ ...overrides, providerEventId: 'evt-again' }))).toEqual([]);
  });

  it('given a flagged pending order, when a matching second payment succeeds, then it is paid and stays flagged', () => {
    const given = history(placeOrder, paymentSucceeded({ amountMinor: 100 }), paymentSucceeded({ providerEventId: 'evt-2', providerPaymentId: 'pay-2' }));
    expect(stateOf(given)).toMatchObject({ status: 'Paid', providerPaymentId: 'pay-2', reviewFlags: [{ reason: 'AMOUNT_MISMATCH' }] });
  });

  it('given a paid order, when a second payment succeeds, then it is recorded as a duplicate and flagged', () => {
    const events = when(history(placeOrder, paymentSucceeded()), paymentSucceeded({ providerEventId: 'evt-2', providerPaymentId: 'pay-2' }));
    expect(events[0]).toMatchObject({ type: 'DuplicatePaymentRecorded', data: { providerPaymentId: 'pay-2', paidWith: 'pay-1' } });
    expect(events[1]).toMatchObject({ data: { reason: 'DUPLICATE_PAYMENT', providerPaymentId: 'pay-2' } });
    expect(stateOf([...history(placeOrder, paymentSucceeded()), ...events]).status).toBe('Paid');
  });

  it('given a paid order, when a late failure arrives, then it is recorded and the order stays Paid', () => {
    const given = history(placeOrder, paymentSucceeded(), attemptFailed('evt-late'));
    expect(given[3]).toMatchObject({ type: 'LatePaymentEventRecorded', data: { kind: 'PaymentAttemptFailed', statusOnArrival: 'Paid' } });
    expect(stateOf(given).status).toBe('Paid');
    expect(when(given, attemptFailed('evt-late'))).toEqual([]);
  });

  it('given an expired order, when a payment succeeds, then it is recorded and flagged, and the order stays Expired', () => {
    const given = history(placeOrder, expireOrder, paymentSucceeded());
    expect(given[3]).toMatchObject({ data: { reason: 'PAYMENT_AFTER_CLOSE' } });
    expect(stateOf(given).status).toBe('Expired');
    expect(when(given, paymentSucceeded({ providerEventId: 'evt-again' }))).toEqual([]);
  });

  it('given a pending order, when the provider closes the session twice, then it fails once', () => {
    const given = history(placeOrder, failOrder('evt-c1'));
    expect(stateOf(given)).toMatchObject({ status: 'Failed', failureReason: 'session closed by provider' });
    expect(when(given, failOrder('evt-c1'))).toEqual([]);
  });

  it('given a placed order, when the same session is reported again, then nothing new is decided', () => {
    for (const status of STATUSES.filter((candidate) => candidate !== 'Initial')) {
      expect(when(HISTORIES[status](), placeOrder)).toEqual([]);
    }
  });
});
