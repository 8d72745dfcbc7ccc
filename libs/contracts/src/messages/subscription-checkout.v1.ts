import { defineContract } from '../contract';
import { Topics } from '../topics';
import { PriceBreakdown, ProviderName } from './common';
import { billingInterval as interval, currency, minorUnits, nonEmpty, object, priceBreakdown, provider, uuid } from './schema-parts';

export type BillingInterval = 'month' | 'year';

/** gateway asks checkout to price a plan and open a subscription at the provider. Never carries an amount. */
export interface SubscriptionCheckoutRequestedV1 {
  readonly userId: string;
  readonly idempotencyKey: string;
  /** sha256 of the canonical request body; same key + different hash is refused. */
  readonly requestHash: string;
  readonly planId: string;
  readonly currency?: string;
  readonly providerPreference?: ProviderName;
  readonly customerEmail?: string;
  readonly customerPhone?: string;
  /** The gateway instance waiting for the reply (it filters `checkout.replies` on it). */
  readonly replyTo: string;
}

export const SubscriptionCheckoutRequested = defineContract<SubscriptionCheckoutRequestedV1>()({
  type: 'SubscriptionCheckoutRequested',
  version: 1,
  topic: Topics.checkoutCommands,
  schema: object(
    {
      userId: nonEmpty,
      idempotencyKey: nonEmpty,
      requestHash: { type: 'string', pattern: '^[a-f0-9]{64}$' },
      planId: nonEmpty,
      currency,
      providerPreference: provider,
      customerEmail: { type: 'string', maxLength: 254 },
      customerPhone: { type: 'string', maxLength: 20 },
      replyTo: nonEmpty,
    },
    ['currency', 'providerPreference', 'customerEmail', 'customerPhone'],
  ),
});

/**
 * gateway asks checkout to cancel a subscription at the provider: at the period's end, or at once
 * (admins only). Answered on `checkout.replies`.
 */
export interface SubscriptionCancelRequestedV1 {
  readonly subscriptionId: string;
  readonly requestedBy: string;
  readonly mode: 'at-period-end' | 'immediately';
  readonly replyTo: string;
}

export const SubscriptionCancelRequested = defineContract<SubscriptionCancelRequestedV1>()({
  type: 'SubscriptionCancelRequested',
  version: 1,
  topic: Topics.checkoutCommands,
  schema: object({
    subscriptionId: uuid,
    requestedBy: nonEmpty,
    mode: { type: 'string', enum: ['at-period-end', 'immediately'] },
    replyTo: nonEmpty,
  }),
});

/** checkout priced a plan and opened a subscription session at the provider. Keyed by subscription id. */
export interface SubscriptionCheckoutOpenedV1 {
  readonly subscriptionId: string;
  readonly userId: string;
  readonly planId: string;
  readonly interval: BillingInterval;
  /** What each period costs, tax included. */
  readonly amountMinor: number;
  readonly currency: string;
  readonly breakdown: PriceBreakdown;
  readonly provider: ProviderName;
  /** The provider's id for the session (Stripe Checkout Session id, Cashfree subscription id). */
  readonly providerReference: string;
}

export const SubscriptionCheckoutOpened = defineContract<SubscriptionCheckoutOpenedV1>()({
  type: 'SubscriptionCheckoutOpened',
  version: 1,
  topic: Topics.checkoutEvents,
  schema: object({
    subscriptionId: uuid,
    userId: nonEmpty,
    planId: nonEmpty,
    interval,
    amountMinor: minorUnits,
    currency,
    breakdown: priceBreakdown,
    provider,
    providerReference: nonEmpty,
  }),
});
