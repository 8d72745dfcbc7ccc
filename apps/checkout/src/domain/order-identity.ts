import { createHash } from 'node:crypto';

/**
 * The order id is derived from (user, Idempotency-Key), so a request replayed after a crash gets
 * the same order id and therefore the same provider idempotency key: never a second session.
 * Formatted as an RFC 4122 version-5-style UUID (SHA-1 name-based).
 */
export function orderIdFor(userId: string, idempotencyKey: string): string {
  const hash = createHash('sha1').update(`checkout\u0000${userId}\u0000${idempotencyKey}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Provider idempotency keys come from our stable ids, one per operation. */
export function providerOpenKey(orderId: string): string {
  return `order-${orderId}-open`;
}
