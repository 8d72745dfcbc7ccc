import { AccessDecision, DecisionContext, Entitlement, EntitlementStatus, LiveSubscriptionAccess, changeOf, unchanged } from './entitlement';
import { EntitlementError } from './entitlement.errors';
import { grantedMessage, revokedMessage, validityChangedMessage } from './entitlement-messages';

/*
 * A subscription's access as a decider over the facts order-ledger publishes and the sweeper's look
 * at the clock. Access follows the paid periods, not the provider's status: it runs to the latest
 * paid period's end plus the grace, whatever order the periods came in, and the end is final (a
 * period paid after it is recorded, never a new grant). PastDue and cancellation notices change
 * nothing here: the validity already says when access stops being paid for.
 */

export interface SubscriptionRef {
  readonly subscriptionId: string;
  readonly userId: string;
  readonly planId: string;
}

/** What order-ledger tells about a subscription. */
export type SubscriptionFact =
  /** SubscriptionPeriodPaid: access is paid to `periodEnd`. */
  | { readonly type: 'PeriodPaid'; readonly data: SubscriptionRef & { readonly periodEnd: Date } }
  /** SubscriptionEnded. */
  | { readonly type: 'SubscriptionEnded'; readonly data: SubscriptionRef };

export type SubscriptionAccessFact =
  | SubscriptionFact
  /** The sweeper: is access still paid for at `now`? */
  | { readonly type: 'CheckValidity' };

/** `none`: nothing known yet about the subscription. */
export type SubscriptionAccessStatus = 'none' | EntitlementStatus;

/** Every status change a subscription's access may make. Staying in the same status is not a transition. */
export const TRANSITIONS: Readonly<Record<SubscriptionAccessStatus, readonly EntitlementStatus[]>> = {
  none: ['active', 'revoked'],
  active: ['suspended', 'revoked'],
  suspended: ['active', 'revoked'],
  revoked: [],
};

export function decideSubscriptionAccess(current: Entitlement | undefined, fact: SubscriptionAccessFact, ctx: DecisionContext): AccessDecision {
  const decision = decideFact(current, fact, ctx);
  const from: SubscriptionAccessStatus = current?.status ?? 'none';
  const to = decision.entitlement?.status;
  if (to !== undefined && to !== from && !TRANSITIONS[from].includes(to)) {
    throw new EntitlementError('ENTITLEMENT.INVALID_TRANSITION', `subscription access cannot go from ${from} to ${to}`);
  }
  return decision;
}

function decideFact(current: Entitlement | undefined, fact: SubscriptionAccessFact, ctx: DecisionContext): AccessDecision {
  if (current && current.subscriptionId === null) {
    throw new EntitlementError('ENTITLEMENT.NOT_A_SUBSCRIPTION', `entitlement ${current.entitlementId} is not a subscription's`);
  }
  switch (fact.type) {
    case 'PeriodPaid':
      return periodPaid(current, fact.data, ctx);
    case 'SubscriptionEnded':
      return subscriptionEnded(current, fact.data, ctx);
    case 'CheckValidity':
      return checkValidity(current, ctx.now);
    default:
      return unreachable(fact);
  }
}

function periodPaid(current: Entitlement | undefined, paid: SubscriptionRef & { periodEnd: Date }, { now, policy, newEntitlementId }: DecisionContext): AccessDecision {
  const paidThrough = new Date(paid.periodEnd.getTime() + policy.graceMs);
  if (!current) {
    const granted: LiveSubscriptionAccess = {
      ...newAccess(paid, newEntitlementId()), status: 'active', validUntil: paidThrough, sequence: 1, grantedAt: now,
    };
    return { entitlement: granted, change: changeOf(granted, 'granted', 'period-paid', now), message: grantedMessage(granted, now) };
  }
  if (current.validUntil !== null && paidThrough <= current.validUntil) return unchanged(current);
  if (current.status === 'revoked') {
    const recorded = { ...current, validUntil: paidThrough, sequence: current.sequence + 1 };
    return { entitlement: recorded, change: changeOf(recorded, 'extended', 'paid-after-end', now) };
  }
  const reinstated = current.status === 'suspended' && paidThrough > now;
  const extended: LiveSubscriptionAccess = {
    ...current, subscriptionId: paid.subscriptionId, status: reinstated ? 'active' : current.status, validUntil: paidThrough, sequence: current.sequence + 1,
  };
  const reason = reinstated ? 'payment-recovered' : 'renewal-paid';
  return { entitlement: extended, change: changeOf(extended, reinstated ? 'reinstated' : 'extended', reason, now), message: validityChangedMessage(extended, reason, now) };
}

function subscriptionEnded(current: Entitlement | undefined, ended: SubscriptionRef, { now, newEntitlementId }: DecisionContext): AccessDecision {
  if (!current) {
    // Ended before any paid period reached us: remembered, so a late period cannot grant; the LMS never had access.
    const never: Entitlement = { ...newAccess(ended, newEntitlementId()), status: 'revoked', validUntil: null, sequence: 1, grantedAt: null };
    return { entitlement: never, change: changeOf(never, 'revoked', 'subscription-ended', now) };
  }
  if (current.status === 'revoked') return unchanged(current);
  const revoked: Entitlement = { ...current, status: 'revoked', sequence: current.sequence + 1 };
  return { entitlement: revoked, change: changeOf(revoked, 'revoked', 'subscription-ended', now), message: revokedMessage(revoked, 'subscription-ended', now) };
}

function checkValidity(current: Entitlement | undefined, now: Date): AccessDecision {
  if (!current || current.status !== 'active' || current.validUntil === null || current.validUntil > now) return unchanged(current);
  const suspended: LiveSubscriptionAccess = {
    ...current, subscriptionId: current.subscriptionId as string, validUntil: current.validUntil, status: 'suspended', sequence: current.sequence + 1,
  };
  return { entitlement: suspended, change: changeOf(suspended, 'suspended', 'past-due-beyond-grace', now), message: validityChangedMessage(suspended, 'past-due-beyond-grace', now) };
}

function newAccess(ref: SubscriptionRef, entitlementId: string) {
  return { entitlementId, userId: ref.userId, productId: ref.planId, kind: 'plan' as const, orderId: ref.subscriptionId, subscriptionId: ref.subscriptionId };
}

function unreachable(fact: never): never {
  throw new Error(`unknown subscription fact ${JSON.stringify(fact)}`);
}
