import type { OrderLine, PriceBreakdown, ProviderName } from '@payments/contracts';
import type { ProviderFact } from './order.commands';
import type { DisputeEvent, DisputeReport } from '../disputes/domain/dispute.events';

type Event<Type extends string, Data> = Readonly<{ type: Type; data: Readonly<Data> }>;

/** A provider's report of a payment, as received. */
export interface PaymentReport {
  readonly orderId: string;
  readonly providerEventId: string;
  readonly providerPaymentId: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly succeededAt: string;
}

/** Why a human must look at an order. Money moved that the order did not expect. */
export type ReviewReason =
  /** A payment for a different amount than the order's total. */
  | 'AMOUNT_MISMATCH'
  /** A payment in a different currency than the order's. */
  | 'CURRENCY_MISMATCH'
  /** A second, different payment for an order already paid: refund one. */
  | 'DUPLICATE_PAYMENT'
  /** A payment that succeeded after the order failed or expired: refund or honour it. */
  | 'PAYMENT_AFTER_CLOSE'
  /** A refund outcome for a refund this order never asked for (made at the provider's dashboard?). */
  | 'UNKNOWN_REFUND';

export type OrderPlaced = Event<
  'OrderPlaced',
  {
    orderId: string;
    userId: string;
    lines: readonly OrderLine[];
    amountMinor: number;
    currency: string;
    breakdown: PriceBreakdown;
    provider: ProviderName;
    providerReference: string;
    placedAt: string;
  }
>;
export type PaymentSucceeded = Event<'PaymentSucceeded', PaymentReport>;
export type OrderPaid = Event<
  'OrderPaid',
  { orderId: string; providerPaymentId: string; amountMinor: number; currency: string; paidAt: string }
>;
export type PaymentAttemptFailed = Event<
  'PaymentAttemptFailed',
  { orderId: string; providerEventId: string; providerPaymentId: string; reason: string; failedAt: string }
>;
/** A provider event that arrived after the order moved on: kept for audit, never applied. */
export type LatePaymentEventRecorded = Event<
  'LatePaymentEventRecorded',
  {
    orderId: string;
    kind: 'PaymentSucceeded' | 'PaymentAttemptFailed' | 'OrderFailed';
    statusOnArrival: string;
    providerEventId?: string;
    providerPaymentId?: string;
    amountMinor?: number;
    currency?: string;
    reason?: string;
    recordedAt: string;
  }
>;
export type PaymentMismatchRecorded = Event<
  'PaymentMismatchRecorded',
  PaymentReport & { expectedAmountMinor: number; expectedCurrency: string }
>;
export type DuplicatePaymentRecorded = Event<'DuplicatePaymentRecorded', PaymentReport & { paidWith: string }>;
export type OrderFlaggedForReview = Event<
  'OrderFlaggedForReview',
  { orderId: string; reason: ReviewReason; providerPaymentId: string; flaggedAt: string }
>;
/** A provider fact for an order not placed yet (its CheckoutOpened is still on its way): kept until it is. */
export type ProviderFactReceivedEarly = Event<'ProviderFactReceivedEarly', { fact: ProviderFact; receivedAt: string }>;
/** Facts still waiting for their order after the window: surfaced for a person. Applied if the order turns up. */
export type UnmatchedFactsRecorded = Event<'UnmatchedFactsRecorded', { orderId: string; firstReceivedAt: string; recordedAt: string }>;
/** A refund outcome that matches no refund this order requested: recorded and flagged, never applied. */
export type UnexpectedRefundOutcomeRecorded = Event<
  'UnexpectedRefundOutcomeRecorded',
  { orderId: string; refundId: string; outcome: 'succeeded' | 'failed'; amountMinor?: number; statusOnArrival: string; recordedAt: string }
>;
export type OrderExpired = Event<'OrderExpired', { orderId: string; expiredAt: string }>;
export type OrderFailed = Event<'OrderFailed', { orderId: string; reason: string; failedAt: string; providerEventId?: string }>;
export type RefundRequested = Event<
  'RefundRequested',
  { orderId: string; refundId: string; amountMinor: number; currency: string; requestedAt: string }
>;
export type RefundSucceeded = Event<
  'RefundSucceeded',
  { orderId: string; refundId: string; amountMinor: number; currency: string; succeededAt: string }
>;
export type RefundFailed = Event<'RefundFailed', { orderId: string; refundId: string; reason: string; failedAt: string }>;
/** `remainingMinor` is what is still paid and not refunded (pending refunds included in it). */
export type OrderPartiallyRefunded = Event<
  'OrderPartiallyRefunded',
  { orderId: string; refundedMinor: number; remainingMinor: number; currency: string }
>;
/** A dispute reported before the order was paid: decided the moment it is. */
export type DisputeReceivedBeforePayment = Event<'DisputeReceivedBeforePayment', { orderId: string; report: DisputeReport; receivedAt: string }>;
export type OrderRefunded = Event<'OrderRefunded', { orderId: string; refundedMinor: number; currency: string }>;

export type OrderEvent =
  | ProviderFactReceivedEarly
  | UnmatchedFactsRecorded
  | UnexpectedRefundOutcomeRecorded
  | OrderPlaced
  | PaymentSucceeded
  | OrderPaid
  | PaymentAttemptFailed
  | LatePaymentEventRecorded
  | PaymentMismatchRecorded
  | DuplicatePaymentRecorded
  | OrderFlaggedForReview
  | OrderExpired
  | OrderFailed
  | RefundRequested
  | RefundSucceeded
  | RefundFailed
  | OrderPartiallyRefunded
  | OrderRefunded
  | DisputeReceivedBeforePayment
  | DisputeEvent;
