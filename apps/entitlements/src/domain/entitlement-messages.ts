import { EntitlementChangeReason, EntitlementRevocationReason } from '@payments/contracts';
import { AccessMessage, Entitlement, LiveSubscriptionAccess } from './entitlement';

/** The LMS messages, each telling the entitlement's state after the change. */

const subscriptionOf = (entitlement: Entitlement) => (entitlement.subscriptionId === null ? {} : { subscriptionId: entitlement.subscriptionId });
const validityOf = (entitlement: Entitlement) => (entitlement.validUntil === null ? {} : { validUntil: entitlement.validUntil.toISOString() });
const identityOf = ({ entitlementId, userId, productId, kind }: Entitlement) => ({ entitlementId, userId, productId, kind });

export function grantedMessage(entitlement: Entitlement, at: Date): AccessMessage {
  return {
    type: 'EntitlementGranted',
    payload: { ...identityOf(entitlement), orderId: entitlement.orderId, ...subscriptionOf(entitlement), ...validityOf(entitlement), grantedAt: at.toISOString() },
  };
}

export function validityChangedMessage(entitlement: LiveSubscriptionAccess, reason: EntitlementChangeReason, at: Date): AccessMessage {
  const { subscriptionId, validUntil, status } = entitlement;
  return {
    type: 'EntitlementValidityChanged',
    payload: {
      ...identityOf(entitlement), subscriptionId, status, validUntil: validUntil.toISOString(), reason, sequence: entitlement.sequence, changedAt: at.toISOString(),
    },
  };
}

/** A one-time order's access suspended or reinstated (around a dispute): no subscription, no end. */
export function orderAccessChangedMessage(entitlement: Entitlement & { status: 'active' | 'suspended' }, reason: EntitlementChangeReason, at: Date): AccessMessage {
  return {
    type: 'EntitlementValidityChanged',
    payload: {
      ...identityOf(entitlement), orderId: entitlement.orderId, ...validityOf(entitlement), status: entitlement.status, reason,
      sequence: entitlement.sequence, changedAt: at.toISOString(),
    },
  };
}

export function revokedMessage(entitlement: Entitlement, reason: EntitlementRevocationReason, at: Date): AccessMessage {
  return {
    type: 'EntitlementRevoked',
    payload: { ...identityOf(entitlement), orderId: entitlement.orderId, ...subscriptionOf(entitlement), reason, revokedAt: at.toISOString() },
  };
}
