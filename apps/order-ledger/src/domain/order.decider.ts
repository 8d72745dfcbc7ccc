import { FailOrder, OrderCommand, PlaceOrder, RecordPaymentAttemptFailed, RecordPaymentSucceeded, RecordUnmatchedFacts } from './order.commands';
import { RecordRefundFailed, RecordRefundSucceeded, RequestRefund } from './order.commands';
import { isProviderFact, receiveEarly, refundOutcomeId, unexpectedRefundOutcome } from './early-facts';
import { LatePaymentEventRecorded, OrderEvent, PaymentReport, ReviewReason } from './order.events';
import { OrderError } from './order.errors';
import { OrderState, OrderStatus, PlacedOrder, Refund, SettledOrder, Unplaced, isSettled, refundableRemainder, refundedMinor } from './order.state';
import { assertConsistentOrder } from './order.validation';
import { decideAwaitingDisputes, recordDisputeAction, recordDisputeReported, withDisputeAwaitingPayment, withDisputeEvent } from '../disputes/domain/order-disputes';

export { initialState } from './order.state';

/*
 * The order aggregate as a decider. Provider facts that arrive before the order is placed are
 * recorded on the stream (ProviderFactReceivedEarly) and applied when it is, with the same events
 * as if they had come after. Late or out-of-order provider events never move an order
 * backwards: they are recorded, not applied. Money that arrives unexpectedly (mismatch, duplicate,
 * after closing) is recorded and flags the order for review (see ReviewFlag in order.state.ts).
 */

/** Every status change an order may make. Staying in the same status is not a transition. */
export const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  Initial: ['Pending'],
  Pending: ['Paid', 'Failed', 'Expired'],
  Paid: ['PartiallyRefunded', 'Refunded'],
  PartiallyRefunded: ['Refunded'],
  Refunded: [],
  Failed: [],
  Expired: [],
};

export function decide(command: OrderCommand, state: OrderState, now: Date): OrderEvent[] {
  const at = now.toISOString();
  if (state.status === 'Initial' && isProviderFact(command)) return receiveEarly(command, state, at);
  switch (command.type) {
    case 'PlaceOrder':
      return placeOrder(command.data, state, now);
    case 'RecordUnmatchedFacts':
      return recordUnmatchedFacts(command.data, state, at);
    case 'RecordPaymentSucceeded':
      return recordPaymentSucceeded(command.data, placed(state), at);
    case 'RecordPaymentAttemptFailed':
      return recordPaymentAttemptFailed(command.data, placed(state), at);
    case 'ExpireOrder': {
      const order = placed(state);
      return closeOrder(order, 'Expired', () => [{ type: 'OrderExpired', data: { orderId: order.orderId, expiredAt: at } }]);
    }
    case 'FailOrder':
      return failOrder(command.data, placed(state), at);
    case 'RequestRefund':
      return requestRefund(command.data, settled(state), at);
    case 'RecordRefundSucceeded':
      return recordRefundSucceeded(command.data, placed(state), at);
    case 'RecordRefundFailed':
      return recordRefundFailed(command.data, placed(state), at);
    case 'RecordDisputeReported':
      return recordDisputeReported(command.data, placed(state), at);
    case 'RecordDisputeAction':
      return recordDisputeAction(command.data, placed(state), at);
    default:
      return unreachable(command);
  }
}

export function evolve(state: OrderState, event: OrderEvent): OrderState {
  switch (event.type) {
    case 'ProviderFactReceivedEarly': {
      const unplaced = unplacedOf(state);
      return { ...unplaced, earlyFacts: [...unplaced.earlyFacts, event.data.fact], firstFactAt: unplaced.firstFactAt ?? event.data.receivedAt };
    }
    case 'UnmatchedFactsRecorded':
      return { ...unplacedOf(state), unmatchedAt: event.data.recordedAt };
    case 'UnexpectedRefundOutcomeRecorded': {
      const { refundId, outcome } = event.data;
      return remember(placed(state), refundOutcomeId(refundId, outcome));
    }
    case 'OrderPlaced':
      assertTransition(state.status, 'Pending');
      return { status: 'Pending', ...event.data, seenProviderEventIds: [], seenPaymentIds: [], failedAttempts: 0, reviewFlags: [], disputes: [], disputesAwaitingPayment: [] };
    case 'PaymentSucceeded':
    case 'PaymentMismatchRecorded':
    case 'DuplicatePaymentRecorded':
      return remember(placed(state), event.data.providerEventId, event.data.providerPaymentId);
    case 'LatePaymentEventRecorded': {
      const { kind, providerEventId, providerPaymentId } = event.data;
      return remember(placed(state), providerEventId, kind === 'PaymentSucceeded' ? providerPaymentId : undefined);
    }
    case 'PaymentAttemptFailed': {
      const order = remember(placed(state), event.data.providerEventId);
      return { ...order, failedAttempts: order.failedAttempts + 1 };
    }
    case 'OrderFlaggedForReview': {
      const order = placed(state);
      const { reason, providerPaymentId, flaggedAt } = event.data;
      return { ...order, reviewFlags: [...order.reviewFlags, { reason, providerPaymentId, flaggedAt }] };
    }
    case 'OrderPaid':
      return { ...moveTo(state, 'Paid'), status: 'Paid', providerPaymentId: event.data.providerPaymentId, paidAt: event.data.paidAt, refunds: [], disputesAwaitingPayment: [] };
    case 'OrderExpired':
      return { ...moveTo(state, 'Expired'), status: 'Expired', closedAt: event.data.expiredAt };
    case 'OrderFailed': {
      const order = remember(moveTo(state, 'Failed'), event.data.providerEventId);
      return { ...order, status: 'Failed', closedAt: event.data.failedAt, failureReason: event.data.reason };
    }
    case 'RefundRequested': {
      const order = settled(state);
      const { refundId, amountMinor } = event.data;
      return { ...order, refunds: [...order.refunds, { refundId, amountMinor, status: 'pending' }] };
    }
    case 'RefundSucceeded':
      return withRefundStatus(settled(state), event.data.refundId, 'succeeded');
    case 'RefundFailed':
      return withRefundStatus(settled(state), event.data.refundId, 'failed');
    case 'OrderPartiallyRefunded':
      return { ...settled(moveTo(state, 'PartiallyRefunded')), status: 'PartiallyRefunded' };
    case 'OrderRefunded':
      return { ...settled(moveTo(state, 'Refunded')), status: 'Refunded' };
    case 'DisputeReceivedBeforePayment':
      return withDisputeAwaitingPayment(placed(state), event.data.report);
    case 'DisputeOpened':
    case 'DisputeStatusRecorded':
    case 'DisputeWon':
    case 'DisputeLost':
    case 'LateDisputeOutcomeRecorded':
    case 'DisputeActionRecorded':
      return withDisputeEvent(placed(state), event);
    default:
      return unreachable(event);
  }
}

function placeOrder(data: PlaceOrder['data'], state: OrderState, now: Date): OrderEvent[] {
  const at = now.toISOString();
  if (state.status !== 'Initial') {
    // The same session reported again: nothing new. Another one for the same order id contradicts it.
    const same = state.userId === data.userId && state.amountMinor === data.amountMinor && state.currency === data.currency
      && state.provider === data.provider && state.providerReference === data.providerReference;
    if (same) return [];
    throw new OrderError('ORDER.ALREADY_PLACED', `Order ${data.orderId} is already placed with another session`);
  }
  assertConsistentOrder(data);
  const events: OrderEvent[] = [{ type: 'OrderPlaced', data: { ...data, placedAt: at } }];
  // The facts that came first, decided against the order as it now is: the same events as in order.
  let order = evolve(state, events[0]);
  for (const fact of state.earlyFacts) {
    const decided = decide(fact, order, now);
    events.push(...decided);
    order = decided.reduce(evolve, order);
  }
  return events;
}

/** Facts still without their order when the sweeper's window ran out: surfaced once. */
function recordUnmatchedFacts(data: RecordUnmatchedFacts['data'], state: OrderState, at: string): OrderEvent[] {
  if (state.status !== 'Initial' || state.earlyFacts.length === 0 || state.unmatchedAt !== undefined) return [];
  return [{ type: 'UnmatchedFactsRecorded', data: { orderId: data.orderId, firstReceivedAt: state.firstFactAt ?? at, recordedAt: at } }];
}

function recordPaymentSucceeded(data: RecordPaymentSucceeded['data'], order: PlacedOrder, at: string): OrderEvent[] {
  if (order.seenProviderEventIds.includes(data.providerEventId) || order.seenPaymentIds.includes(data.providerPaymentId)) return [];
  const report: PaymentReport = { orderId: order.orderId, ...data };
  const flag = (reason: ReviewReason): OrderEvent => ({
    type: 'OrderFlaggedForReview',
    data: { orderId: order.orderId, reason, providerPaymentId: data.providerPaymentId, flaggedAt: at },
  });
  if (canMove(order.status, 'Paid')) {
    const mismatch = mismatchOf(order, data);
    if (mismatch) {
      const expected = { expectedAmountMinor: order.amountMinor, expectedCurrency: order.currency };
      return [{ type: 'PaymentMismatchRecorded', data: { ...report, ...expected } }, flag(mismatch)];
    }
    const { providerPaymentId, amountMinor, currency, succeededAt } = data;
    const paying: OrderEvent[] = [{ type: 'PaymentSucceeded', data: report }, { type: 'OrderPaid', data: { orderId: order.orderId, providerPaymentId, amountMinor, currency, paidAt: succeededAt } }];
    // Disputes that came before the payment are decided now, as if they had come after it.
    return [...paying, ...decideAwaitingDisputes(order.disputesAwaitingPayment, placed(paying.reduce(evolve, order as OrderState)), at, (o, e) => placed(evolve(o, e)))];
  }
  if (isSettled(order)) {
    return [{ type: 'DuplicatePaymentRecorded', data: { ...report, paidWith: order.providerPaymentId } }, flag('DUPLICATE_PAYMENT')];
  }
  const { providerEventId, providerPaymentId, amountMinor, currency } = data;
  return [late(order, { kind: 'PaymentSucceeded', providerEventId, providerPaymentId, amountMinor, currency }, at), flag('PAYMENT_AFTER_CLOSE')];
}

function mismatchOf(order: PlacedOrder, payment: RecordPaymentSucceeded['data']): ReviewReason | null {
  if (payment.currency !== order.currency) return 'CURRENCY_MISMATCH';
  if (payment.amountMinor !== order.amountMinor) return 'AMOUNT_MISMATCH';
  return null;
}

function recordPaymentAttemptFailed(data: RecordPaymentAttemptFailed['data'], order: PlacedOrder, at: string): OrderEvent[] {
  if (order.seenProviderEventIds.includes(data.providerEventId)) return [];
  if (order.status === 'Pending') return [{ type: 'PaymentAttemptFailed', data: { orderId: order.orderId, ...data } }];
  const { providerEventId, providerPaymentId, reason } = data;
  return [late(order, { kind: 'PaymentAttemptFailed', providerEventId, providerPaymentId, reason }, at)];
}

function failOrder(data: FailOrder['data'], order: PlacedOrder, at: string): OrderEvent[] {
  if (data.providerEventId !== undefined && order.seenProviderEventIds.includes(data.providerEventId)) return [];
  if (isSettled(order)) return [late(order, { kind: 'OrderFailed', ...data }, at)];
  return closeOrder(order, 'Failed', () => [{ type: 'OrderFailed', data: { orderId: order.orderId, failedAt: at, ...data } }]);
}

/** Closing a closed order again is a no-op; closing a paid one is refused. */
function closeOrder(order: PlacedOrder, to: 'Expired' | 'Failed', events: () => OrderEvent[]): OrderEvent[] {
  if (canMove(order.status, to)) return events();
  if (order.status === 'Expired' || order.status === 'Failed') return [];
  throw new OrderError('ORDER.INVALID_TRANSITION', `Order ${order.orderId} is ${order.status}; it cannot become ${to}`);
}

function requestRefund(data: RequestRefund['data'], order: SettledOrder, at: string): OrderEvent[] {
  if (data.amountMinor !== undefined && (!Number.isSafeInteger(data.amountMinor) || data.amountMinor <= 0)) {
    throw new OrderError('ORDER.INVALID_AMOUNT', `Refund amount ${data.amountMinor} is not a positive integer`);
  }
  const existing = order.refunds.find((refund) => refund.refundId === data.refundId);
  // The same refund asked again (for the remainder: whatever it was resolved to the first time).
  if (existing && (data.amountMinor === undefined || existing.amountMinor === data.amountMinor)) return [];
  if (existing) throw new OrderError('ORDER.REFUND_CONFLICT', `Refund ${data.refundId} was requested for ${existing.amountMinor}`);
  if (!canMove(order.status, 'Refunded')) throw new OrderError('ORDER.NOT_REFUNDABLE', `Order ${order.orderId} is ${order.status}`);
  const remainder = refundableRemainder(order);
  if (data.amountMinor === undefined && remainder === 0) {
    throw new OrderError('ORDER.NOT_REFUNDABLE', `Order ${order.orderId} has nothing left to refund (pending refunds included)`);
  }
  const amountMinor = data.amountMinor ?? remainder;
  if (amountMinor > remainder) {
    throw new OrderError('ORDER.REFUND_EXCEEDS_REMAINDER', `Refund ${amountMinor} exceeds the refundable ${remainder} ${order.currency}`);
  }
  return [{ type: 'RefundRequested', data: { orderId: order.orderId, refundId: data.refundId, amountMinor, currency: order.currency, requestedAt: at } }];
}

function recordRefundSucceeded(data: RecordRefundSucceeded['data'], placedOrder: PlacedOrder, at: string): OrderEvent[] {
  const order = requestedRefundOf(placedOrder, data.refundId);
  if (!order) return unexpectedRefundOutcome(placedOrder, { refundId: data.refundId, outcome: 'succeeded', amountMinor: data.amountMinor }, at);
  const refund = pendingRefund(order, data.refundId, 'succeeded');
  if (!refund) return [];
  if (refund.amountMinor !== data.amountMinor) {
    throw new OrderError('ORDER.REFUND_AMOUNT_MISMATCH', `Refund ${data.refundId} was for ${refund.amountMinor}, not ${data.amountMinor}`);
  }
  const { orderId, currency } = order;
  const refunded = refundedMinor(order) + refund.amountMinor;
  const next: OrderEvent =
    refunded === order.amountMinor
      ? { type: 'OrderRefunded', data: { orderId, refundedMinor: refunded, currency } }
      : { type: 'OrderPartiallyRefunded', data: { orderId, refundedMinor: refunded, remainingMinor: order.amountMinor - refunded, currency } };
  return [{ type: 'RefundSucceeded', data: { orderId, ...data, currency, succeededAt: at } }, next];
}

function recordRefundFailed(data: RecordRefundFailed['data'], placedOrder: PlacedOrder, at: string): OrderEvent[] {
  const order = requestedRefundOf(placedOrder, data.refundId);
  if (!order) return unexpectedRefundOutcome(placedOrder, { refundId: data.refundId, outcome: 'failed' }, at);
  if (!pendingRefund(order, data.refundId, 'failed')) return [];
  return [{ type: 'RefundFailed', data: { orderId: order.orderId, ...data, failedAt: at } }];
}

/** The order, when it is settled and requested this refund; otherwise null (the outcome is unexpected). */
function requestedRefundOf(order: PlacedOrder, refundId: string): SettledOrder | null {
  return isSettled(order) && order.refunds.some((r) => r.refundId === refundId) ? order : null;
}

/** The pending refund, or null when it already reached `outcome`; refuses the opposite outcome. */
function pendingRefund(order: SettledOrder, refundId: string, outcome: 'succeeded' | 'failed'): Refund | null {
  const refund = order.refunds.find((r) => r.refundId === refundId);
  if (!refund) throw new OrderError('ORDER.REFUND_NOT_FOUND', `Order ${order.orderId} has no refund ${refundId}`);
  if (refund.status === outcome) return null;
  if (refund.status !== 'pending') throw new OrderError('ORDER.INVALID_TRANSITION', `Refund ${refundId} already ${refund.status}`);
  return refund;
}

function late(order: PlacedOrder, report: Omit<LatePaymentEventRecorded['data'], 'orderId' | 'statusOnArrival' | 'recordedAt'>, at: string): OrderEvent {
  return { type: 'LatePaymentEventRecorded', data: { orderId: order.orderId, statusOnArrival: order.status, ...report, recordedAt: at } };
}

function remember<O extends PlacedOrder>(order: O, providerEventId?: string, providerPaymentId?: string): O {
  const add = (ids: readonly string[], id?: string) => (id === undefined || ids.includes(id) ? ids : [...ids, id]);
  return {
    ...order,
    seenProviderEventIds: add(order.seenProviderEventIds, providerEventId),
    seenPaymentIds: add(order.seenPaymentIds, providerPaymentId),
  };
}

function withRefundStatus(order: SettledOrder, refundId: string, status: Refund['status']): SettledOrder {
  return { ...order, refunds: order.refunds.map((r) => (r.refundId === refundId ? { ...r, status } : r)) };
}

const canMove = (from: OrderStatus, to: OrderStatus): boolean => TRANSITIONS[from].includes(to);

function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (from !== to && !canMove(from, to)) throw new OrderError('ORDER.INVALID_TRANSITION', `An order cannot go from ${from} to ${to}`);
}

function moveTo(state: OrderState, to: OrderStatus): PlacedOrder {
  assertTransition(state.status, to);
  return placed(state);
}

function unplacedOf(state: OrderState): Unplaced {
  if (state.status !== 'Initial') throw new OrderError('ORDER.INVALID_TRANSITION', `An early fact cannot follow the order's placement`);
  return state;
}

function placed(state: OrderState): PlacedOrder {
  if (state.status === 'Initial') throw new OrderError('ORDER.NOT_FOUND', 'No order has been placed on this stream');
  return state;
}

function settled(state: OrderState): SettledOrder {
  const order = placed(state);
  if (!isSettled(order)) throw new OrderError('ORDER.NOT_REFUNDABLE', `Order ${order.orderId} is ${order.status}, not paid`);
  return order;
}

function unreachable(value: never): never {
  throw new OrderError('ORDER.INVALID_TRANSITION', `Unknown command or event ${JSON.stringify(value)}`);
}
