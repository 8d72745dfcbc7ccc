import type Stripe from 'stripe';
import type { DisputeAction, DisputeActionResult } from '../port/settlement.port';
import { invalidRequest } from './stripe-checkout.request';

/** Stripe's limit on one evidence text field. */
export const EVIDENCE_TEXT_MAX_LENGTH = 20_000;

/** Checks a dispute action before it reaches Stripe: a dispute id, our key, and for evidence a text Stripe takes. */
export function assertDisputeAction(action: DisputeAction): void {
  if (!/^(du|dp)_/.test(action.disputeId)) throw invalidRequest(`not a Stripe dispute id: "${action.disputeId}"`);
  if (!action.idempotencyKey) throw invalidRequest('an idempotency key derived from our ids is required');
  if (action.action === 'submit-evidence') {
    if (action.explanation.trim() === '') throw invalidRequest('evidence needs an explanation');
    if (action.explanation.length > EVIDENCE_TEXT_MAX_LENGTH) throw invalidRequest(`an explanation is at most ${EVIDENCE_TEXT_MAX_LENGTH} characters`);
  }
}

/** Contesting sends the explanation as `uncategorized_text` and submits it at once: the bank reviews it (`under_review`). */
export function evidenceParams(explanation: string): Stripe.DisputeUpdateParams {
  return { evidence: { uncategorized_text: explanation }, submit: true };
}

export const toDisputeActionResult = (dispute: Stripe.Dispute): DisputeActionResult => ({ disputeId: dispute.id, status: dispute.status });
