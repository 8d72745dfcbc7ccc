import { keyedNameBasedUuid, nameBasedUuid as uuidOfNames } from '@payments/contracts';

/** A name-based UUID over `parts` (joined with NUL): the same names, the same id. */
export function nameBasedUuid(...parts: readonly string[]): string {
  return uuidOfNames(parts.join('\u0000'));
}

/**
 * The order id is derived from (user, Idempotency-Key, generation), so a request replayed after a
 * crash gets the same order id and therefore the same provider idempotency key: never a second
 * session. The generation counts how often the key was taken up again after its record expired
 * (24 h): a reused key is a new purchase and needs a new order. The derivation is keyed with
 * `secret` (CHECKOUT_ORDER_ID_SECRET): without it, nobody can compute a user's order ids from their
 * user id and a guessed key.
 */
export function orderIdFor(secret: string, userId: string, idempotencyKey: string, generation = 0): string {
  return keyedNameBasedUuid(secret, 'checkout-order', userId, idempotencyKey, String(generation));
}

/** Provider idempotency keys come from our stable ids, one per operation. */
export function providerOpenKey(orderId: string): string {
  return `order-${orderId}-open`;
}

/**
 * The message id of the PaymentSucceeded a status check reports for one provider payment: however
 * often the payment is checked, it is one message, and every inbox downstream keeps it once.
 */
export function statusCheckMessageId(provider: string, providerPaymentId: string): string {
  return nameBasedUuid('status-check', provider, providerPaymentId);
}

/** The provider idempotency key of one refund: a redelivered refund command can only name the first refund. */
export function providerRefundKey(refundId: string): string {
  return `refund-${refundId}`;
}

/** The message id of a refund outcome checkout reports: one per refund and final state. */
export function refundOutcomeMessageId(refundId: string, outcome: 'succeeded' | 'failed'): string {
  return nameBasedUuid('refund-outcome', refundId, outcome);
}
