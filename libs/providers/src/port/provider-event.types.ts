import type { ProviderName, ProviderSubscriptionStatus } from '@payments/contracts';

/** What happened at a provider, in our words. Adapters map their vendor's event types onto these. */
export type NeutralEventKind =
  /** Money was captured for a payment: the amount is what the provider actually received. */
  | 'payment.succeeded'
  /** One payment attempt failed; the payment stays payable (a new attempt may follow). */
  | 'payment.failed'
  /** The payment session was closed without money moving (canceled, expired, customer left). */
  | 'payment.abandoned'
  /** A refund reached its final, successful state; the amount is that refund's. */
  | 'refund.succeeded'
  /** A refund failed or was canceled; the money stays with us. */
  | 'refund.failed'
  /** A provider collected one period of a subscription; `subscription` says which period. */
  | 'subscription.payment_succeeded'
  /** A provider failed to collect a period; it may retry (`subscription.nextAttemptAt`). */
  | 'subscription.payment_failed'
  /** The subscription's state at the provider changed (active, past due, ended; cancel at period end). */
  | 'subscription.status_reported'
  /** The customer's bank opened a dispute (chargeback) against a payment. `dispute` says what it holds. */
  | 'dispute.opened'
  /** An open dispute changed (evidence submitted, under review, escalated); still open. */
  | 'dispute.updated'
  /** The dispute closed in our favour: the withdrawn funds are reinstated. */
  | 'dispute.won'
  /** The dispute closed against us (or we accepted it): the withdrawn funds are gone for good. */
  | 'dispute.lost'
  /** A payout / settlement reached the bank (Stripe `payout.paid`, `payout.reconciliation_completed`; Cashfree `SETTLEMENT_SUCCESS`): its day can be reconciled. */
  | 'settlement.paid';

/** What a `dispute.*` event says, in our terms. */
export interface NeutralDisputeFacts {
  /** The provider's dispute id: Stripe `du_...`; Cashfree `dispute_id` (as a string). */
  readonly disputeId: string;
  /** The payment disputed, as its success webhook names it (Stripe `pi_...`; Cashfree `cf_payment_id`), when the event says. */
  readonly paymentId: string | null;
  /** The provider's own dispute status (Stripe `needs_response`, `won`; Cashfree `CHARGEBACK_CREATED`). */
  readonly status: string;
  /** Opened / lost: the disputed amount (also `NeutralProviderEvent.amountMinor`). */
  readonly amountMinor: number;
  readonly currency: string;
  /** The provider's dispute fee when the event states it (Stripe balance transaction fee), else absent. */
  readonly feeMinor?: number;
  /** When the customer must be answered by (ISO 8601), if stated. */
  readonly respondBy?: string;
  /** True for an inquiry / retrieval request that moves no money (Stripe `warning_*`; Cashfree `RETRIEVAL`). */
  readonly inquiry?: boolean;
}

/** What a `settlement.paid` event says. */
export interface NeutralSettlementFacts {
  /** Stripe `po_...`; Cashfree `settlement_id`. */
  readonly settlementId: string;
  /** The settlement day it belongs to (`YYYY-MM-DD`, UTC), for `listSettlements`. */
  readonly date: string;
}

/**
 * What a `subscription.*` event says about the subscription, in our terms. Times are ISO 8601; a
 * field is absent when the provider's event does not state it.
 */
export interface NeutralSubscriptionFacts {
  /**
   * Our subscription id, which our subscription checkout gave the provider (Stripe
   * `metadata.subscription_id`, Cashfree `subscription_id`). Always present: a subscription event
   * without it is refused as unreadable (`WebhookPayloadError`).
   */
  readonly subscriptionId: string;
  /** The provider's subscription: Stripe `sub_...`; Cashfree's `subscription_id`, which is ours. */
  readonly providerSubscriptionId: string;
  /** Payments: `create` for the first period, `cycle` for a renewal. */
  readonly billingReason?: 'create' | 'cycle';
  /** Payments: the service period paid for, when the provider states it (Stripe's invoice line period). */
  readonly periodStart?: string;
  readonly periodEnd?: string;
  /** Payments: when the money was collected. */
  readonly paidAt?: string;
  /** Failed payments: when the provider will try again, if it said. */
  readonly nextAttemptAt?: string;
  /** Status reports: the subscription's state. */
  readonly status?: ProviderSubscriptionStatus;
  /** Status reports: it ends when the current period does. */
  readonly cancelAtPeriodEnd?: boolean;
  /** Status reports: when the current paid period ends, if the provider said. */
  readonly currentPeriodEnd?: string;
  /** Status reports of an ended subscription: why, as a stable code (`cancellation_requested`, `customer_cancelled`). */
  readonly endReason?: string;
}

/** A verified provider webhook, normalized. Dedupe on (provider, providerEventId). */
export interface NeutralProviderEvent {
  readonly kind: NeutralEventKind;
  readonly provider: ProviderName;
  /** The provider's event id (Stripe `evt_...`); the same on every redelivery. */
  readonly providerEventId: string;
  /**
   * The object the event is about: PaymentIntent `pi_...`, refund `re_...`, dispute `du_...`; for
   * subscription payments the collection (Stripe invoice `in_...`, Cashfree `cf_payment_id`), for
   * status reports the subscription.
   */
  readonly providerObjectId: string;
  /** The payment the object belongs to when it is not the object itself (refunds, disputes). */
  readonly providerPaymentReference?: string;
  /**
   * Refund events only: our refund id, which our refund call gave the provider (Stripe
   * `metadata.refund_id`, Cashfree `refund_id`); absent for a refund made outside our system.
   */
  readonly refundId?: string;
  /** Our order id, from the provider object's `metadata.order_id`; null when the object names none. */
  readonly orderId: string | null;
  readonly amountMinor: number | null;
  /** ISO 4217, upper-case. */
  readonly currency: string | null;
  /** When the provider created the event (ISO 8601). */
  readonly occurredAt: string;
  /**
   * What a `payment.failed` or `payment.abandoned` ended. `attempt`: one try ended and the provider
   * keeps the payment open and payable (a Stripe decline; a Cashfree FAILED or USER_DROPPED attempt,
   * after which the order stays ACTIVE). `payment`: the payment itself was closed (Stripe
   * `payment_intent.canceled`). Absent: what the kind implies, `payment.failed` an attempt and
   * `payment.abandoned` the payment. An ended attempt is never an ended order.
   */
  readonly ends?: 'attempt' | 'payment';
  /**
   * Why a payment or refund failed, or a dispute was opened, in the provider's words. Free text that
   * may quote the customer's own data: for support, never to publish (publish `reasonCode`).
   */
  readonly reason?: string;
  /**
   * The same reason as a stable code (`insufficient_funds`, `auth_declined`, `user_dropped`, see
   * `isReasonCode`), taken only from the provider's code fields or the object's status; absent when
   * the provider gave none.
   */
  readonly reasonCode?: string;
  /** The provider's own event type, e.g. `payment_intent.succeeded`. */
  readonly providerType: string;
  /** `subscription.*` events only (and always there). Their `orderId` is null. */
  readonly subscription?: NeutralSubscriptionFacts;
  /** `dispute.*` events only (and always there). */
  readonly dispute?: NeutralDisputeFacts;
  /** `settlement.paid` events only (and always there). Their `orderId` is null. */
  readonly settlement?: NeutralSettlementFacts;
}

/**
 * The result of verifying and reading one webhook; both variants say which provider event it was.
 * Both must be acknowledged with a 2xx.
 */
export type ParsedWebhook =
  | { readonly accepted: true; readonly event: NeutralProviderEvent; readonly providerEventId: string; readonly providerType: string }
  /** Verified, but of a type we do not act on: store it for audit, acknowledge it, do nothing else. */
  | { readonly accepted: true; readonly ignored: true; readonly providerEventId: string; readonly providerType: string };
