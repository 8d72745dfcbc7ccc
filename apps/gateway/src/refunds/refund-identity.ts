import { uuidV5 } from '@payments/contracts';
import { requestHash } from '../idempotency/request-hash';

/** Namespace of the gateway's refund ids (a fixed random UUID; never change it). */
export const REFUND_ID_NAMESPACE = '3b2f0c1e-6a4d-4f5b-9c8e-7d1a2b3c4d5e';

/**
 * The refund a request names, derived from (admin, Idempotency-Key): a retried request names the
 * same refund, which order-ledger applies once.
 */
export function refundIdFor(adminUserId: string, idempotencyKey: string): string {
  return uuidV5(REFUND_ID_NAMESPACE, JSON.stringify([adminUserId, idempotencyKey]));
}

/** Same key + a different hash is 422 IDEMPOTENCY.KEY_REUSED. The order is part of the request. */
export function refundRequestHash(orderId: string, request: { amountMinor?: number; reason?: string }): string {
  return requestHash({ orderId, amountMinor: request.amountMinor ?? null, reason: request.reason ?? null });
}
