import type Stripe from 'stripe';
import { isKnownCurrency } from '@payments/money';
import { assertMinorUnits } from '../port/minor-units';
import { ProviderError } from '../port/provider.errors';
import type { CancelSubscriptionResult, OpenSubscriptionCheckoutInput } from '../port/subscription.port';
import { invalidRequest } from './stripe-checkout.request';

const INTERVALS: ReadonlySet<string> = new Set(['month', 'year']);

/** Checks what a subscription checkout needs, before anything reaches Stripe. */
export function assertSubscriptionCheckoutInput(input: OpenSubscriptionCheckoutInput): void {
  assertMinorUnits(input.amountMinor);
  if (input.amountMinor === 0) throw invalidRequest('a plan that renews must cost something each period');
  if (!isKnownCurrency(input.currency)) throw invalidRequest(`currency must be an upper-case ISO 4217 code, got "${input.currency}"`);
  if (!INTERVALS.has(input.interval)) throw invalidRequest(`interval must be month or year, got "${String(input.interval)}"`);
  if (!input.subscriptionId) throw invalidRequest('our subscription id is required: every webhook names the subscription by it');
  // Without our key stripe-node invents a random one per call, and a retry after a crash would open a second subscription.
  if (!input.idempotencyKey) throw invalidRequest('an idempotency key derived from our ids is required');
  if (!input.successUrl) throw invalidRequest('a subscription checkout page needs a successUrl');
}

/** Our ids as Stripe metadata; Stripe copies the subscription's onto each invoice (`parent.subscription_details.metadata`). */
export const subscriptionMetadataOf = (input: OpenSubscriptionCheckoutInput): Stripe.MetadataParam => ({
  subscription_id: input.subscriptionId, user_id: input.customerId, plan_id: input.planId,
});

/**
 * A Checkout Session in `subscription` mode with one recurring line of the plan's price (tax
 * included, priced by us). Our subscription id goes on the session (`metadata`) and, through
 * `subscription_data.metadata`, on the Subscription it creates, so every invoice and subscription
 * event names it; the user is the `client_reference_id`.
 */
export function subscriptionCheckoutSessionParams(input: OpenSubscriptionCheckoutInput): Stripe.Checkout.SessionCreateParams {
  const metadata = subscriptionMetadataOf(input);
  return {
    mode: 'subscription',
    line_items: [{
      quantity: 1,
      price_data: {
        currency: input.currency.toLowerCase(),
        unit_amount: input.amountMinor,
        recurring: { interval: input.interval },
        product_data: { name: input.description, metadata: { plan_id: input.planId } },
      },
    }],
    success_url: input.successUrl,
    ...(input.cancelUrl ? { cancel_url: input.cancelUrl } : {}),
    client_reference_id: input.customerId,
    metadata,
    subscription_data: { description: input.description, metadata },
    ...(input.customerEmail ? { customer_email: input.customerEmail } : {}),
  };
}

/** The Subscription a completed Checkout Session created; a session never completed has none. */
export function subscriptionOfSession(session: Stripe.Checkout.Session): string {
  const subscription = typeof session.subscription === 'string' ? session.subscription : session.subscription?.id;
  if (!subscription) {
    throw new ProviderError('PROVIDER.INVALID_REQUEST', `Stripe Checkout Session ${session.id} has no subscription yet: the customer never completed it`, {
      providerCode: 'subscription_not_started',
    });
  }
  return subscription;
}

/** A `cs_...` or `sub_...` reference; anything else is not ours to cancel. */
export function assertSubscriptionReference(reference: string): void {
  if (!/^(cs|sub)_[A-Za-z0-9_]+$/.test(reference)) throw invalidRequest(`not a Checkout Session or Subscription id: "${reference}"`);
}

export function toCancelResult(subscription: Stripe.Subscription): CancelSubscriptionResult {
  const endsNow = subscription.status === 'canceled' || subscription.status === 'incomplete_expired';
  return { providerSubscriptionId: subscription.id, mode: endsNow ? 'immediately' : 'at-period-end', status: subscription.status };
}
