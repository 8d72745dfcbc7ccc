import { AccessDecision, DecisionContext, Entitlement, EntitlementStatus, changeOf, unchanged } from './entitlement';
import { EntitlementError } from './entitlement.errors';
import { orderAccessChangedMessage, revokedMessage } from './entitlement-messages';

/*
 * A one-time order's access while its payment is disputed, by the policy configured
 * (ENTITLEMENTS_DISPUTE_POLICY). order-ledger tells each stage of a dispute once, opened first;
 * redelivery changes nothing here either, and a revoke is final (a win after a loss changes nothing).
 */

/** What order-ledger told about one dispute of the order (OrderDisputeChanged). */
export interface DisputeFact {
  readonly stage: 'opened' | 'won' | 'lost';
  /** Other disputes of the same order still open: access stays suspended until none is. */
  readonly otherOpenDisputes: number;
}

/** Every status change a dispute may make to an order's access. Staying in a status is not a transition. */
export const TRANSITIONS: Readonly<Record<EntitlementStatus, readonly EntitlementStatus[]>> = {
  active: ['suspended', 'revoked'],
  suspended: ['active', 'revoked'],
  revoked: [],
};

export function decideOnDispute(current: Entitlement, fact: DisputeFact, ctx: DecisionContext): AccessDecision {
  if (current.subscriptionId !== null) {
    throw new EntitlementError('ENTITLEMENT.NOT_AN_ORDER', `entitlement ${current.entitlementId} is a subscription's, not a one-time order's`);
  }
  const decision = decide(current, fact, ctx);
  const to = decision.entitlement?.status;
  if (to !== undefined && to !== current.status && !TRANSITIONS[current.status].includes(to)) {
    throw new EntitlementError('ENTITLEMENT.INVALID_TRANSITION', `order access cannot go from ${current.status} to ${to}`);
  }
  return decision;
}

function decide(current: Entitlement, fact: DisputeFact, { now, policy }: DecisionContext): AccessDecision {
  if (current.status === 'revoked') return unchanged(current);
  const suspends = policy.onDispute === 'suspend-while-open';
  switch (fact.stage) {
    case 'opened': {
      if (!suspends || current.status !== 'active') return unchanged(current);
      const suspended = { ...current, status: 'suspended' as const, sequence: current.sequence + 1 };
      return { entitlement: suspended, change: changeOf(suspended, 'suspended', 'dispute-opened', now), message: orderAccessChangedMessage(suspended, 'dispute-opened', now) };
    }
    case 'won': {
      if (current.status !== 'suspended' || fact.otherOpenDisputes > 0) return unchanged(current);
      const reinstated = { ...current, status: 'active' as const, sequence: current.sequence + 1 };
      return { entitlement: reinstated, change: changeOf(reinstated, 'reinstated', 'dispute-won', now), message: orderAccessChangedMessage(reinstated, 'dispute-won', now) };
    }
    case 'lost': {
      const revoked: Entitlement = { ...current, status: 'revoked', sequence: current.sequence + 1 };
      return { entitlement: revoked, change: changeOf(revoked, 'revoked', 'dispute-lost', now), message: revokedMessage(revoked, 'dispute-lost', now) };
    }
    default:
      return unreachable(fact.stage);
  }
}

function unreachable(stage: never): never {
  throw new Error(`unknown dispute stage ${JSON.stringify(stage)}`);
}
