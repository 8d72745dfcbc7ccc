import { createHash } from 'node:crypto';
import { requestHash } from '../idempotency/request-hash';

/** Namespace of the gateway's refund ids (a fixed random UUID; never change it). */
export const REFUND_ID_NAMESPACE = '3b2f0c1e-6a4d-4f5b-9c8e-7d1a2b3c4d5e';

/** RFC 4122 version-5 (SHA-1, name-based) UUID of `name` in `namespace`. */
export function nameBasedUuid(namespace: string, name: string): string {
  const namespaceBytes = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The refund a request names, derived from (admin, Idempotency-Key): a retried request names the
 * same refund, which order-ledger applies once.
 */
export function refundIdFor(adminUserId: string, idempotencyKey: string): string {
  return nameBasedUuid(REFUND_ID_NAMESPACE, JSON.stringify([adminUserId, idempotencyKey]));
}

/** Same key + a different hash is 422 IDEMPOTENCY.KEY_REUSED. The order is part of the request. */
export function refundRequestHash(orderId: string, request: { amountMinor?: number; reason?: string }): string {
  return requestHash({ orderId, amountMinor: request.amountMinor ?? null, reason: request.reason ?? null });
}
