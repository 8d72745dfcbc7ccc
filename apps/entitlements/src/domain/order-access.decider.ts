import { AccessDecision, DecisionContext, Entitlement, changeOf, unchanged } from './entitlement';
import { EntitlementGrant } from './entitlement-grants';
import { grantedMessage, revokedMessage } from './entitlement-messages';

/*
 * Access bought with a one-time order: granted when the order is paid, for good (no validity), and
 * revoked when the order is refunded in full if the policy says so. A partial refund keeps access.
 */

/** A decision that leaves an entitlement (a grant always does). */
export type GrantDecision = AccessDecision & { readonly entitlement: Entitlement };

/** A new entitlement for one product of a paid order; the caller stores it unless the order already granted it. */
export function grantForPaidOrder(grant: EntitlementGrant, { now, newEntitlementId }: DecisionContext): GrantDecision {
  const granted: Entitlement = {
    entitlementId: newEntitlementId(), ...grant, subscriptionId: null, status: 'active', validUntil: null, sequence: 1, grantedAt: now,
  };
  return { entitlement: granted, change: changeOf(granted, 'granted', 'order-paid', now), message: grantedMessage(granted, now) };
}

/** The order that bought `current` was refunded in full. */
export function decideOnFullRefund(current: Entitlement, { now, policy }: DecisionContext): AccessDecision {
  if (!policy.revokeOnFullRefund || current.status === 'revoked') return unchanged(current);
  const revoked: Entitlement = { ...current, status: 'revoked', sequence: current.sequence + 1 };
  return { entitlement: revoked, change: changeOf(revoked, 'revoked', 'order-refunded', now), message: revokedMessage(revoked, 'order-refunded', now) };
}
