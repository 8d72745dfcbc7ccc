import { keyedNameBasedUuid } from '@payments/contracts';
import type { SubscriptionCancelMode } from '@payments/providers';

/**
 * The subscription id is derived like the order id (see `orderIdFor`), from (user,
 * Idempotency-Key, generation) keyed with CHECKOUT_ORDER_ID_SECRET, in a namespace of its own: a
 * replayed request names the same subscription, hence the same provider idempotency key, and a
 * subscription id never equals an order id.
 */
export function subscriptionIdFor(secret: string, userId: string, idempotencyKey: string, generation = 0): string {
  return keyedNameBasedUuid(secret, 'checkout-subscription', userId, idempotencyKey, String(generation));
}

/** The provider idempotency key of opening one subscription's checkout. */
export function providerSubscriptionOpenKey(subscriptionId: string): string {
  return `subscription-${subscriptionId}-open`;
}

/** The provider idempotency key of one cancel: asked again in the same mode, it cancels once. */
export function providerSubscriptionCancelKey(subscriptionId: string, mode: SubscriptionCancelMode): string {
  return `subscription-${subscriptionId}-cancel-${mode}`;
}
