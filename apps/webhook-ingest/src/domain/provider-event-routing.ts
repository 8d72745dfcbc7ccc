import {
  DisputeReported, DisputeReportedV1, Envelope, EnvelopeOrigin, PaymentAttemptFailed, PaymentAttemptFailedV1, PaymentSessionClosed, PaymentSucceeded, RefundFailed,
  RefundSucceeded, SettlementPaid, Topic, buildMessage,
} from '@payments/contracts';
import { NeutralDisputeFacts, NeutralProviderEvent, NeutralSettlementFacts, isReasonCode } from '@payments/providers';
import { routeSubscriptionEvent } from './subscription-event-routing';

export type RoutedProviderEvent =
  | { readonly publish: true; readonly topic: Topic; readonly toMessage: (origin: EnvelopeOrigin, at: Date) => Envelope }
  | { readonly publish: false; readonly reason: string };

/**
 * Which verified provider events go on `payments.provider-events`, as which message (keyed by our
 * order id, or for subscription events by our subscription id). Order events that name no order of
 * ours are stored and acknowledged, never published.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Our order ids are UUIDs; anything else (a dashboard test event, another system's order) is not ours. */
export function ourOrderId(event: Pick<NeutralProviderEvent, 'orderId'>): string | null {
  return event.orderId && UUID.test(event.orderId) ? event.orderId.toLowerCase() : null;
}

export function routeProviderEvent(event: NeutralProviderEvent): RoutedProviderEvent {
  if (event.subscription) return routeSubscriptionEvent(event, event.subscription);
  if (event.dispute) return routeDisputeEvent(event, event.dispute);
  if (event.settlement) return routeSettlementEvent(event, event.settlement);
  const orderId = ourOrderId(event);
  if (!orderId) return { publish: false, reason: 'event names no order of ours (no order id, or not one of our UUIDs)' };
  const common = {
    orderId,
    provider: event.provider,
    providerEventId: event.providerEventId,
    providerPaymentId: event.providerObjectId,
  };
  switch (event.kind) {
    case 'payment.succeeded': {
      const { amountMinor, currency } = event;
      if (amountMinor === null || currency === null) {
        return { publish: false, reason: 'payment.succeeded without amount or currency' };
      }
      const payload = { ...common, amountMinor, currency, succeededAt: event.occurredAt };
      return {
        publish: true,
        topic: PaymentSucceeded.topic,
        toMessage: (origin, at) => buildMessage(PaymentSucceeded, { key: orderId, origin, occurredAt: at, payload }),
      };
    }
    case 'payment.failed':
      return attemptFailed(common, orderId, publishableReason(event, 'payment_failed'), event.occurredAt);
    case 'payment.abandoned':
      // A Cashfree USER_DROPPED attempt: the customer left, the order stays ACTIVE and payable. It is
      // an attempt that ended, never an order failure; recorded as one so support sees why the
      // customer has not paid yet. A closed payment (Stripe canceled, session expired) closes the order's session.
      if (event.ends !== 'attempt') return sessionClosed(common, orderId, publishableReason(event, 'session_closed'), event.occurredAt);
      return attemptFailed(common, orderId, publishableReason(event, 'user_dropped'), event.occurredAt);
    case 'refund.succeeded':
    case 'refund.failed':
      return refundOutcome(event, orderId);
    default:
      return { publish: false, reason: `${event.kind} is not routed yet` };
  }
}

type Common = Pick<PaymentAttemptFailedV1, 'orderId' | 'provider' | 'providerEventId' | 'providerPaymentId'>;

/**
 * The `reason` published: the provider's reason code, or `fallback`. Never the provider's own
 * sentence (`NeutralProviderEvent.reason`): it may quote the customer's card, email or phone, and
 * every consumer and the customer's order view would keep it.
 */
function publishableReason(event: NeutralProviderEvent, fallback: string): string {
  return isReasonCode(event.reasonCode) ? event.reasonCode : fallback;
}

/** One attempt ended without money; the order stays payable (order-ledger records it, never fails the order). */
function attemptFailed(common: Common, orderId: string, reason: string, failedAt: string): RoutedProviderEvent {
  const payload = { ...common, reason, failedAt };
  return {
    publish: true,
    topic: PaymentAttemptFailed.topic,
    toMessage: (origin, at) => buildMessage(PaymentAttemptFailed, { key: orderId, origin, occurredAt: at, payload }),
  };
}

/**
 * A refund that reached its final state. Only refunds our refund call made (they carry our refund
 * id) are published; one made in the provider's dashboard is stored for reconciliation instead.
 */
function refundOutcome(event: NeutralProviderEvent, orderId: string): RoutedProviderEvent {
  const refundId = event.refundId && UUID.test(event.refundId) ? event.refundId.toLowerCase() : null;
  if (!refundId) return { publish: false, reason: 'refund not made by us (no refund id of ours)' };
  const common = { orderId, refundId, provider: event.provider, providerEventId: event.providerEventId, providerRefundId: event.providerObjectId };
  if (event.kind === 'refund.failed') {
    const payload = { ...common, reason: publishableReason(event, 'refund_failed'), failedAt: event.occurredAt };
    return { publish: true, topic: RefundFailed.topic, toMessage: (origin, at) => buildMessage(RefundFailed, { key: orderId, origin, occurredAt: at, payload }) };
  }
  const { amountMinor, currency } = event;
  if (!amountMinor || currency === null) return { publish: false, reason: 'refund.succeeded without amount or currency' };
  const payload = { ...common, amountMinor, currency, succeededAt: event.occurredAt };
  return { publish: true, topic: RefundSucceeded.topic, toMessage: (origin, at) => buildMessage(RefundSucceeded, { key: orderId, origin, occurredAt: at, payload }) };
}

/** The provider closed the payment session without money: nothing can be paid on it any more. */
function sessionClosed(common: Common, orderId: string, reason: string, closedAt: string): RoutedProviderEvent {
  const payload = { ...common, reason, closedAt };
  return {
    publish: true,
    topic: PaymentSessionClosed.topic,
    toMessage: (origin, at) => buildMessage(PaymentSessionClosed, { key: orderId, origin, occurredAt: at, payload }),
  };
}

const DISPUTE_STAGES: Readonly<Partial<Record<NeutralProviderEvent['kind'], DisputeReportedV1['stage']>>> = {
  'dispute.opened': 'opened', 'dispute.updated': 'updated', 'dispute.won': 'won', 'dispute.lost': 'lost',
};

/**
 * A dispute against one of our payments, keyed by our order id when the event names it (Cashfree),
 * else by the disputed payment (Stripe's dispute carries no metadata of ours): order-ledger finds
 * the order by its payment. One that names neither is stored, not published.
 */
function routeDisputeEvent(event: NeutralProviderEvent, facts: NeutralDisputeFacts): RoutedProviderEvent {
  const stage = DISPUTE_STAGES[event.kind];
  if (!stage) return { publish: false, reason: `${event.kind} carries dispute facts but is not a dispute event` };
  const orderId = ourOrderId(event);
  const providerPaymentId = facts.paymentId ?? event.providerPaymentReference ?? null;
  if (!providerPaymentId) return { publish: false, reason: 'dispute names no payment' };
  const payload: DisputeReportedV1 = {
    ...(orderId ? { orderId } : {}),
    provider: event.provider, providerEventId: event.providerEventId, disputeId: facts.disputeId, providerPaymentId, stage,
    status: facts.status, amountMinor: facts.amountMinor, currency: facts.currency, inquiry: facts.inquiry ?? false,
    ...(facts.feeMinor !== undefined ? { feeMinor: facts.feeMinor } : {}),
    // A code only, never the provider's reason text (see publishableReason).
    ...(isReasonCode(event.reasonCode) ? { reasonCode: event.reasonCode } : {}),
    ...(facts.respondBy ? { respondBy: facts.respondBy } : {}),
    reportedAt: event.occurredAt,
  };
  const key = orderId ?? providerPaymentId;
  return { publish: true, topic: DisputeReported.topic, toMessage: (origin, at) => buildMessage(DisputeReported, { key, origin, occurredAt: at, payload }) };
}

/** A payout / settlement reached the bank: order-ledger reconciles its day. Keyed `<provider>:<date>`. */
function routeSettlementEvent(event: NeutralProviderEvent, facts: NeutralSettlementFacts): RoutedProviderEvent {
  if (event.kind !== 'settlement.paid') return { publish: false, reason: `${event.kind} carries settlement facts but is not a settlement event` };
  const payload = { provider: event.provider, providerEventId: event.providerEventId, settlementId: facts.settlementId, date: facts.date, reportedAt: event.occurredAt };
  const key = `${event.provider}:${facts.date}`;
  return { publish: true, topic: SettlementPaid.topic, toMessage: (origin, at) => buildMessage(SettlementPaid, { key, origin, occurredAt: at, payload }) };
}
