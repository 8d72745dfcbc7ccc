import { OrderCommand, ProviderFact } from './order.commands';
import { OrderEvent } from './order.events';
import { PlacedOrder, Unplaced } from './order.state';

const PROVIDER_FACTS: ReadonlySet<OrderCommand['type']> = new Set([
  'RecordPaymentSucceeded', 'RecordPaymentAttemptFailed', 'FailOrder', 'RecordRefundSucceeded', 'RecordRefundFailed', 'RecordDisputeReported',
]);

export const isProviderFact = (command: OrderCommand): command is ProviderFact => PROVIDER_FACTS.has(command.type);

/** What makes two deliveries the same fact: the provider's event id, or the refund and its outcome. */
export function factIdentity(fact: ProviderFact): string {
  switch (fact.type) {
    case 'RecordRefundSucceeded':
      return refundOutcomeId(fact.data.refundId, 'succeeded');
    case 'RecordRefundFailed':
      return refundOutcomeId(fact.data.refundId, 'failed');
    case 'FailOrder':
      return fact.data.providerEventId ?? `closed:${fact.data.reason}`;
    default:
      return fact.data.providerEventId;
  }
}

export const refundOutcomeId = (refundId: string, outcome: 'succeeded' | 'failed'): string => `refund:${refundId}:${outcome}`;

/** A fact for an order not placed yet: kept on the stream once, however often it is delivered. */
export function receiveEarly(fact: ProviderFact, state: Unplaced, at: string): OrderEvent[] {
  const identity = factIdentity(fact);
  if (state.earlyFacts.some((seen) => factIdentity(seen) === identity)) return [];
  return [{ type: 'ProviderFactReceivedEarly', data: { fact, receivedAt: at } }];
}

/** A refund outcome the order never asked for: on record and flagged, once. */
export function unexpectedRefundOutcome(
  order: PlacedOrder,
  outcome: { refundId: string; outcome: 'succeeded' | 'failed'; amountMinor?: number },
  at: string,
): OrderEvent[] {
  if (order.seenProviderEventIds.includes(refundOutcomeId(outcome.refundId, outcome.outcome))) return [];
  const { orderId, status } = order;
  return [
    { type: 'UnexpectedRefundOutcomeRecorded', data: { orderId, ...outcome, statusOnArrival: status, recordedAt: at } },
    { type: 'OrderFlaggedForReview', data: { orderId, reason: 'UNKNOWN_REFUND', providerPaymentId: outcome.refundId, flaggedAt: at } },
  ];
}
