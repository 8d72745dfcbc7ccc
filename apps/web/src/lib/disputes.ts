import { query } from '../api/http';
import { DisputeActionRecord, DisputeStage } from '../api/types';

export const DISPUTE_STAGE_FILTERS = ['all', 'opened', 'won', 'lost'] as const;

/** The longest explanation the gateway takes as evidence. */
export const EXPLANATION_MAX_LENGTH = 5000;

export interface DisputeFilters { stage: string; provider: string }

export const disputesPath = (filters: DisputeFilters): string => `/api/admin/disputes${query({ stage: filters.stage || 'all', provider: filters.provider })}`;
export const orderDisputesPath = (orderId: string): string => `/api/admin/orders/${encodeURIComponent(orderId)}/disputes`;
export const disputeActionPath = (orderId: string, disputeId: string, action: 'accept' | 'evidence'): string =>
  `${orderDisputesPath(orderId)}/${encodeURIComponent(disputeId)}/${action}`;

/** Won or lost: the provider takes no more actions on it (the gateway answers 409 DISPUTE.CLOSED). */
export const isDisputeClosed = (stage: DisputeStage): boolean => stage === 'won' || stage === 'lost';

/** What an explanation lacks before it can be sent, or null when it is fine. */
export function explanationProblem(explanation: string): string | null {
  if (explanation.trim() === '') return 'The explanation must not be blank.';
  if (explanation.length > EXPLANATION_MAX_LENGTH) return `The explanation is ${explanation.length} characters; at most ${EXPLANATION_MAX_LENGTH} are taken.`;
  return null;
}

export const ACTION_LABELS: Readonly<Record<DisputeActionRecord['action'], string>> = { accept: 'Accepted', 'submit-evidence': 'Evidence submitted' };

/** Whole days left until `respondBy` (negative once it passed), rounding a part day up. */
export function daysToRespond(respondBy: string, now: Date): number {
  return Math.ceil((new Date(respondBy).getTime() - now.getTime()) / 86_400_000);
}

/** Request ids asked for on this page that the dispute's record does not show yet. */
export function pendingRequests(asked: readonly string[], recorded: readonly Pick<DisputeActionRecord, 'requestId'>[]): string[] {
  const done = new Set(recorded.map((action) => action.requestId));
  return asked.filter((requestId) => !done.has(requestId));
}
