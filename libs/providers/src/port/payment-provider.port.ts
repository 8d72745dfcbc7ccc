import type { SettlementProviderPort } from './settlement.port';
import type { ProviderName } from '@payments/contracts';
import type { ParsedWebhook } from './provider-event.types';
import type { SubscriptionProviderPort } from './subscription.port';

/** Where the customer pays. */
export type CheckoutMode =
  /** On our page, with the provider's own fields (Stripe Elements + `clientSecret`). The default. */
  | 'payment_intent'
  /** On the provider's hosted page (Stripe Checkout): send the customer to `redirectUrl`. */
  | 'hosted_page';

/** Who pays, as the provider is told. */
export interface ProviderCustomer {
  /** Our customer (user) id; stored as metadata (Stripe subscriptions: `client_reference_id`), not as a provider customer. */
  customerId: string;
  customerEmail?: string;
  /** The customer's mobile number, when we have one (Cashfree requires one and falls back to a configured placeholder). */
  customerPhone?: string;
}

export interface OpenCheckoutInput extends ProviderCustomer {
  /** Our order id; the provider object carries it back as `metadata.order_id`. */
  orderId: string;
  /** Integer minor units of `currency` (see `assertMinorUnits`). */
  amountMinor: number;
  /** ISO 4217, upper-case. */
  currency: string;
  description: string;
  /** Derived from our stable ids, so a retry after any failure reuses the same provider object. */
  idempotencyKey: string;
  /** Default `payment_intent`. Providers without a choice ignore it. */
  mode?: CheckoutMode;
  /** `hosted_page` only, required there: where the page sends the customer after paying (Stripe fills in `{CHECKOUT_SESSION_ID}`). */
  successUrl?: string;
  /** `hosted_page` only: where the page's back link goes. */
  cancelUrl?: string;
  /** `hosted_page` only: when the page stops taking payment (Stripe: 30 min to 24 h ahead; default 24 h). */
  expiresAt?: Date;
}

export interface OpenCheckoutResult {
  provider: ProviderName;
  /**
   * The provider's checkout object id: Stripe PaymentIntent `pi_...`, or Checkout Session `cs_...` in
   * `hosted_page` mode (its PaymentIntent only exists once the customer pays; webhooks then name it).
   */
  providerReference: string;
  /** For the browser to confirm with the provider's own fields (Stripe Elements). */
  clientSecret?: string;
  /** A hosted page to send the customer to, when the provider has one. */
  redirectUrl?: string;
  /** Cashfree's `payment_session_id`, for its JS checkout. */
  paymentSessionId?: string;
  /** The provider's own status of the new object, e.g. `requires_payment_method`. */
  status: string;
}

/** A payment as the provider's status API reports it; use it to resolve unknown states. */
export interface RetrievedPayment {
  /** The provider's own status, e.g. Stripe `succeeded`, `requires_payment_method`, `canceled`. */
  status: string;
  /** The amount received once the payment succeeded; before that, the amount requested. */
  amountMinor: number;
  /** ISO 4217, upper-case. */
  currency: string;
  orderId: string | null;
  /** True once the provider holds the money (Stripe `succeeded`, Cashfree order `PAID`). */
  paid: boolean;
  /**
   * The succeeded payment's id exactly as the provider's success webhook names it
   * (`NeutralProviderEvent.providerObjectId`): a status check and a webhook for one payment must
   * look like one payment downstream. Null until paid.
   */
  paymentId: string | null;
}

/** Why we refund, in the words providers share (Stripe's `reason`). */
export type RefundReason = 'duplicate' | 'fraudulent' | 'requested_by_customer';

export interface RefundInput {
  /** The payment to refund: what `openCheckout` or a webhook named (Stripe PaymentIntent `pi_...`). */
  providerReference: string;
  /** Integer minor units; omitted refunds whatever of the payment is not refunded yet. */
  amountMinor?: number;
  /** ISO 4217, upper-case: the payment's currency. */
  currency: string;
  /** Our order id; the refund carries it back as `metadata.order_id`. */
  orderId: string;
  /** Our refund id; the refund carries it back as `metadata.refund_id`. */
  refundId: string;
  /** Derived from our refund id, so a retry never refunds twice. */
  idempotencyKey: string;
  reason?: RefundReason;
}

/** A refund's state: `pending` until the provider reports it final. */
export type RefundStatus = 'pending' | 'succeeded' | 'failed' | 'canceled';

export interface RefundResult {
  /** The provider's refund id (Stripe `re_...`). */
  providerRefundId: string;
  status: RefundStatus;
  amountMinor: number;
  /** ISO 4217, upper-case, as the provider reports it: compare it with the payment's. */
  currency: string;
}

/** A refund as the provider's status API reports it; use it to resolve a refund left `pending`. */
export interface RetrievedRefund extends RefundResult {
  /** The payment refunded (Stripe `pi_...`). */
  providerReference: string | null;
  orderId: string | null;
  refundId: string | null;
  /** Why it failed, in the provider's words. */
  failureReason?: string;
}

/**
 * One payment provider behind a neutral interface. Calls throw `ProviderError`; `parseWebhook`
 * throws `WebhookSignatureError` for anything whose signature does not verify, and
 * `WebhookPayloadError` for a verified body it cannot read (not a JSON object, nested too deep, a
 * field it always carries missing or unusable). Plans that renew go through the subscription
 * operations (`SubscriptionProviderPort`).
 */
export interface PaymentProviderPort extends SubscriptionProviderPort, SettlementProviderPort {
  readonly name: ProviderName;
  openCheckout(input: OpenCheckoutInput): Promise<OpenCheckoutResult>;
  retrievePayment(providerReference: string): Promise<RetrievedPayment>;
  /** Refunds all or part of a succeeded payment; the same `idempotencyKey` returns the same refund. */
  refund(input: RefundInput): Promise<RefundResult>;
  retrieveRefund(providerRefundId: string): Promise<RetrievedRefund>;
  /** Verifies the raw, unparsed body against its signature headers, then normalizes it. */
  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): ParsedWebhook;
}
