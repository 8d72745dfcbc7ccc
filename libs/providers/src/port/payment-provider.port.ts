import type { ProviderName } from '@payments/contracts';
import type { ParsedWebhook } from './provider-event.types';

export interface OpenCheckoutInput {
  /** Our order id; the provider object carries it back as `metadata.order_id`. */
  orderId: string;
  /** Integer minor units of `currency` (see `assertMinorUnits`). */
  amountMinor: number;
  /** ISO 4217, upper-case. */
  currency: string;
  /** Our customer (user) id; stored as metadata, not as a provider customer. */
  customerId: string;
  customerEmail?: string;
  /** The customer's mobile number, when we have one (Cashfree requires one and falls back to a configured placeholder). */
  customerPhone?: string;
  description: string;
  /** Derived from our stable ids, so a retry after any failure reuses the same provider object. */
  idempotencyKey: string;
}

export interface OpenCheckoutResult {
  provider: ProviderName;
  /** The provider's payment object id (Stripe PaymentIntent `pi_...`). */
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
}

/**
 * One payment provider behind a neutral interface. Calls throw `ProviderError`; `parseWebhook`
 * throws `WebhookSignatureError` for anything whose signature does not verify.
 */
export interface PaymentProviderPort {
  readonly name: ProviderName;
  openCheckout(input: OpenCheckoutInput): Promise<OpenCheckoutResult>;
  retrievePayment(providerReference: string): Promise<RetrievedPayment>;
  /** Verifies the raw, unparsed body against its signature headers, then normalizes it. */
  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): ParsedWebhook;
}
