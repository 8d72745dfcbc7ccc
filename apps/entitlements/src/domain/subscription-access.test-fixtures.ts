import { AccessMessage, DecisionContext, DisputePolicy, Entitlement, EntitlementChange } from './entitlement';
import { SubscriptionAccessFact, SubscriptionAccessStatus, decideSubscriptionAccess } from './subscription-access.decider';

/** Test support for the subscription access decider: one subscription, a grace of three days, a fixed clock. */

export const DAY_MS = 86_400_000;
export const GRACE_MS = 3 * DAY_MS;
export const SUBSCRIPTION = { subscriptionId: '5f0c1e2a-8d4b-4c1e-9a7f-0b6d2c3e4f51', userId: 'user-sub-1', planId: 'plan-pro-monthly' } as const;
export const ENTITLEMENT_ID = '00000000-0000-4000-8000-000000000001';

export function contextAt(now: string | Date, revokeOnFullRefund = true, onDispute: DisputePolicy = 'suspend-while-open'): DecisionContext {
  let issued = 0;
  return {
    now: new Date(now),
    policy: { graceMs: GRACE_MS, revokeOnFullRefund, onDispute },
    newEntitlementId: () => `00000000-0000-4000-8000-${String(++issued).padStart(12, '0')}`,
  };
}

export const periodPaid = (periodEnd: string): SubscriptionAccessFact => ({ type: 'PeriodPaid', data: { ...SUBSCRIPTION, periodEnd: new Date(periodEnd) } });
export const subscriptionEnded: SubscriptionAccessFact = { type: 'SubscriptionEnded', data: SUBSCRIPTION };
export const checkValidity: SubscriptionAccessFact = { type: 'CheckValidity' };

/** The subscription's entitlement in `status`, valid until `validUntil`; undefined for `none`. */
export function accessIn(status: SubscriptionAccessStatus, validUntil: string, sequence = 3): Entitlement | undefined {
  if (status === 'none') return undefined;
  return {
    entitlementId: ENTITLEMENT_ID, userId: SUBSCRIPTION.userId, productId: SUBSCRIPTION.planId, kind: 'plan',
    orderId: SUBSCRIPTION.subscriptionId, subscriptionId: SUBSCRIPTION.subscriptionId,
    status, validUntil: new Date(validUntil), sequence, grantedAt: new Date('2026-01-01T00:00:00.000Z'),
  };
}

export interface Replayed {
  readonly entitlement: Entitlement | undefined;
  readonly changes: EntitlementChange[];
  readonly messages: AccessMessage[];
}

/** Decides each fact in turn, every one at the same `now`, from nothing known. */
export function replay(facts: readonly SubscriptionAccessFact[], ctx: DecisionContext): Replayed {
  let entitlement: Entitlement | undefined;
  const changes: EntitlementChange[] = [];
  const messages: AccessMessage[] = [];
  for (const fact of facts) {
    const decision = decideSubscriptionAccess(entitlement, fact, ctx);
    entitlement = decision.entitlement;
    if (decision.change) changes.push(decision.change);
    if (decision.message) messages.push(decision.message);
  }
  return { entitlement, changes, messages };
}
