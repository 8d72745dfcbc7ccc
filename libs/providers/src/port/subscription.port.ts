import type { BillingInterval, ProviderName } from '@payments/contracts';
import type { ProviderCustomer } from './payment-provider.port';

export interface OpenSubscriptionCheckoutInput extends ProviderCustomer {
  /** Our subscription id; the provider's subscription carries it back (Stripe `metadata.subscription_id`, Cashfree `subscription_id`). */
  subscriptionId: string;
  /** Our plan (catalog product) id, e.g. `plan-pro-monthly`. */
  planId: string;
  /** How often the plan renews. */
  interval: BillingInterval;
  /** What each period costs, tax included, in integer minor units of `currency`. */
  amountMinor: number;
  /** ISO 4217, upper-case. */
  currency: string;
  /** The plan's name, shown on the provider's page. */
  description: string;
  /** Derived from our subscription id, so a retry after any failure reuses the same provider object. */
  idempotencyKey: string;
  /** Where the provider's page sends the customer afterwards (required for Stripe; Cashfree's `return_url`). */
  successUrl?: string;
  /** Stripe only: where the page's back link goes. */
  cancelUrl?: string;
}

export interface OpenSubscriptionCheckoutResult {
  provider: ProviderName;
  /**
   * What the subscription is addressed by later (`cancelSubscription`): the Stripe Checkout Session
   * `cs_...` (the `sub_...` exists only once the customer completes it), or the Cashfree
   * `subscription_id`, which is our subscription id.
   */
  providerReference: string;
  /** Where to send the customer: Stripe's Checkout page, or Cashfree's mandate authorization page when one is configured. */
  redirectUrl?: string;
  /** Cashfree's `subscription_session_id`, for its JS `subscriptionsCheckout`. */
  subscriptionSessionId?: string;
  /** The provider's own status of the new object: Stripe `open`, Cashfree `INITIALIZED`. */
  status: string;
}

/** When a cancelled subscription ends. */
export type SubscriptionCancelMode =
  /** When the paid period ends; access runs to its end. */
  | 'at-period-end'
  /** Now. */
  | 'immediately';

export interface CancelSubscriptionInput {
  /** What `openSubscriptionCheckout` returned. */
  providerReference: string;
  /** Our subscription id, for messages and checks. */
  subscriptionId: string;
  mode: SubscriptionCancelMode;
  /** Derived from our subscription id and the mode, so a retry cancels once. */
  idempotencyKey: string;
}

export interface CancelSubscriptionResult {
  /** The provider's subscription (Stripe `sub_...`, Cashfree `subscription_id`). */
  providerSubscriptionId: string;
  /**
   * When it ends, as the provider will do it: Cashfree has no cancel at period end (its `CANCEL`
   * action ends the mandate now), so a Cashfree cancel is always `immediately`.
   */
  mode: SubscriptionCancelMode;
  /** The provider's own status afterwards: Stripe `active` (ending later) or `canceled`, Cashfree `CANCELLED`. */
  status: string;
}

/** A provider that sells plans that renew. Calls throw `ProviderError`, as the payment port's do. */
export interface SubscriptionProviderPort {
  /**
   * Opens the provider's subscription checkout for one plan at one price: Stripe a Checkout Session
   * in `subscription` mode, Cashfree a plan (created once per plan, price and interval) and a
   * subscription awaiting its mandate authorization. The same `idempotencyKey` returns the same object.
   */
  openSubscriptionCheckout(input: OpenSubscriptionCheckoutInput): Promise<OpenSubscriptionCheckoutResult>;
  /**
   * Cancels at the period's end or at once. Throws `ProviderError` with `providerCode`
   * `subscription_not_started` when the customer never completed the checkout.
   */
  cancelSubscription(input: CancelSubscriptionInput): Promise<CancelSubscriptionResult>;
}
