import { uuidV5 } from '@payments/contracts';
import { requestHash } from '../../idempotency/request-hash';

/** Namespace of the gateway's dispute action request ids (a fixed random UUID; never change it). */
export const DISPUTE_ACTION_NAMESPACE = '9c4e2b7a-1d3f-4a6b-8e5c-2f7a9b1c3d4e';

/** Provider dispute ids as Stripe (`du_...`) and Cashfree (digits) write them. */
export const DISPUTE_ID = /^[A-Za-z0-9_.:-]{1,255}$/;

/** The request an admin action names, derived from (admin, Idempotency-Key): a retry names the same request, which checkout carries out once. */
export function disputeActionRequestIdFor(adminUserId: string, idempotencyKey: string): string {
  return uuidV5(DISPUTE_ACTION_NAMESPACE, JSON.stringify([adminUserId, idempotencyKey]));
}

/** Same key + a different hash is 422 IDEMPOTENCY.KEY_REUSED: the order, the dispute, the action and the explanation are the request. */
export function disputeActionRequestHash(orderId: string, disputeId: string, action: 'accept' | 'submit-evidence', explanation?: string): string {
  return requestHash({ orderId, disputeId, action, explanation: explanation ?? null });
}
