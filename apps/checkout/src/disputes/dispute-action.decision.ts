import type { DisputeActionCompletedV1, DisputeActionRequestedV1 } from '@payments/contracts';
import { DisputeAction, DisputeActionResult, ProviderError, isReasonCode } from '@payments/providers';

/** What checkout's provider call for one dispute action came to. */
export type DisputeActionAnswer =
  | { readonly result: DisputeActionResult }
  /** Not carried out: the provider refused it (its code), or it could not be asked (our code). */
  | { readonly refused: string };

/** The provider idempotency key of one admin action: a redelivered command replays the first answer. */
export const providerDisputeActionKey = (requestId: string): string => `dispute-action-${requestId}`;

/** The provider call a request asks for, or why none can be made. */
export function providerCallOf(request: DisputeActionRequestedV1): DisputeAction | { readonly refused: string } {
  const common = { disputeId: request.disputeId, idempotencyKey: providerDisputeActionKey(request.requestId) };
  if (request.action === 'accept') return { action: 'accept', ...common };
  if (!request.explanation) return { refused: 'DISPUTE.EXPLANATION_MISSING' };
  return { action: 'submit-evidence', ...common, explanation: request.explanation };
}

/**
 * A provider error as the answer: a refusal with the provider's code (or ours when it gave none
 * that reads as a code). A retryable error (outage, rate limit) is no answer: thrown, to be retried.
 */
export function answerOfProviderError(error: unknown): DisputeActionAnswer {
  if (!(error instanceof ProviderError) || error.retryable) throw error;
  return { refused: isReasonCode(error.providerCode) ? error.providerCode : error.code };
}

export function completionOf(request: DisputeActionRequestedV1, answer: DisputeActionAnswer, at: Date): DisputeActionCompletedV1 {
  const { requestId, orderId, provider, disputeId, action } = request;
  const subject = { requestId, orderId, provider, disputeId, action, completedAt: at.toISOString() };
  if ('refused' in answer) return { ...subject, outcome: 'refused', errorCode: answer.refused };
  return { ...subject, outcome: 'done', status: answer.result.status };
}
