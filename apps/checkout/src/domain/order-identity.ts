import { createHash } from 'node:crypto';

/** An RFC 4122 version-5-style UUID (SHA-1, name-based) over `parts`: the same names, the same id. */
export function nameBasedUuid(...parts: readonly string[]): string {
  const hash = createHash('sha1').update(parts.join('\u0000')).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The order id is derived from (user, Idempotency-Key, generation), so a request replayed after a
 * crash gets the same order id and therefore the same provider idempotency key: never a second
 * session. The generation counts how often the key was taken up again after its record expired
 * (24 h): a reused key is a new purchase and needs a new order.
 */
export function orderIdFor(userId: string, idempotencyKey: string, generation = 0): string {
  const names = ['checkout', userId, idempotencyKey];
  return generation === 0 ? nameBasedUuid(...names) : nameBasedUuid(...names, String(generation));
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
