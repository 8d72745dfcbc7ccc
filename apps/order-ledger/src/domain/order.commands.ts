import type { OrderLine, PriceBreakdown, ProviderName } from '@payments/contracts';
import type { DisputeActionReport, DisputeReport } from '../disputes/domain/dispute.events';

type Command<Type extends string, Data> = Readonly<{ type: Type; data: Readonly<Data> }>;

/** Open the order stream from checkout's CheckoutOpened. */
export type PlaceOrder = Command<
  'PlaceOrder',
  {
    orderId: string;
    userId: string;
    lines: readonly OrderLine[];
    amountMinor: number;
    currency: string;
    breakdown: PriceBreakdown;
    provider: ProviderName;
    /** The provider's session id (Stripe PaymentIntent, Cashfree order). */
    providerReference: string;
  }
>;

/** A verified webhook or status lookup says a payment succeeded. */
export type RecordPaymentSucceeded = Command<
  'RecordPaymentSucceeded',
  { providerEventId: string; providerPaymentId: string; amountMinor: number; currency: string; succeededAt: string }
>;

/** One payment attempt failed; the provider session stays open for another attempt. */
export type RecordPaymentAttemptFailed = Command<
  'RecordPaymentAttemptFailed',
  { providerEventId: string; providerPaymentId: string; reason: string; failedAt: string }
>;

/** Our own decision, after a status check, that a Pending order will not be paid. */
export type ExpireOrder = Command<'ExpireOrder', Record<string, never>>;

/** The provider closed the session (Stripe PaymentIntent canceled, Cashfree order terminated). */
export type FailOrder = Command<'FailOrder', { reason: string; providerEventId?: string }>;

/** `amountMinor` omitted: whatever is still refundable when the request is decided. */
export type RequestRefund = Command<'RequestRefund', { refundId: string; amountMinor?: number }>;
export type RecordRefundSucceeded = Command<'RecordRefundSucceeded', { refundId: string; amountMinor: number }>;
export type RecordRefundFailed = Command<'RecordRefundFailed', { refundId: string; reason: string }>;

/** A provider reported a dispute (opened, updated, won, lost) against the order's payment. */
export type RecordDisputeReported = Command<'RecordDisputeReported', DisputeReport>;
/** What an admin's action on a dispute came to at the provider. */
export type RecordDisputeAction = Command<'RecordDisputeAction', DisputeActionReport>;

/** The sweeper's call on a stream that holds provider facts but no order after the window: surface them. */
export type RecordUnmatchedFacts = Command<'RecordUnmatchedFacts', { orderId: string }>;

/**
 * What a provider tells us about an order, which may arrive before checkout's CheckoutOpened (another
 * topic): recorded on the stream and applied when the order is placed.
 */
export type ProviderFact = RecordPaymentSucceeded | RecordPaymentAttemptFailed | FailOrder | RecordRefundSucceeded | RecordRefundFailed | RecordDisputeReported;

export type OrderCommand =
  | PlaceOrder
  | RecordUnmatchedFacts
  | RecordPaymentSucceeded
  | RecordPaymentAttemptFailed
  | ExpireOrder
  | FailOrder
  | RequestRefund
  | RecordRefundSucceeded
  | RecordRefundFailed
  | RecordDisputeReported
  | RecordDisputeAction;
