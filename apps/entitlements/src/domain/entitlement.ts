import {
  EntitlementChangeReason,
  EntitlementGrantedV1,
  EntitlementRevocationReason,
  EntitlementRevokedV1,
  EntitlementValidityChangedV1,
  ProductKind,
} from '@payments/contracts';

export type EntitlementStatus = 'active' | 'suspended' | 'revoked';

/** One user's access to one product from one purchase: an order, or a subscription. */
export interface Entitlement {
  readonly entitlementId: string;
  readonly userId: string;
  readonly productId: string;
  readonly kind: ProductKind;
  /** The order id, or the subscription id for a subscription. */
  readonly orderId: string;
  readonly subscriptionId: string | null;
  readonly status: EntitlementStatus;
  /** null: no end (a one-time purchase), or a subscription that ended before any period was paid. */
  readonly validUntil: Date | null;
  /** 1 for the first change (the grant), one more for every change after it. */
  readonly sequence: number;
  /** null while access was never granted: a subscription that ended before its first paid period arrived. */
  readonly grantedAt: Date | null;
}

/** A subscription's entitlement that was granted and not revoked: it always has a validity. */
export interface LiveSubscriptionAccess extends Entitlement {
  readonly subscriptionId: string;
  readonly status: 'active' | 'suspended';
  readonly validUntil: Date;
}

/** What a change log row says happened. */
export type EntitlementChangeKind = 'granted' | 'extended' | 'suspended' | 'reinstated' | 'revoked';

/** Why, in the change log: the reasons the LMS messages carry, and those of grants and of changes nobody is told about. */
export type EntitlementChangeLogReason =
  | EntitlementChangeReason
  | EntitlementRevocationReason
  /** A one-time order was paid. */
  | 'order-paid'
  /** A subscription's first period known to us was paid. */
  | 'period-paid'
  /** A period paid after the subscription ended: validity recorded, access not given back. */
  | 'paid-after-end';

/** One row of the append-only change log. */
export interface EntitlementChange {
  readonly sequence: number;
  readonly change: EntitlementChangeKind;
  readonly reason: EntitlementChangeLogReason;
  readonly at: Date;
}

/** What the entitlements service publishes to the LMS. */
export type AccessMessage =
  | { readonly type: 'EntitlementGranted'; readonly payload: EntitlementGrantedV1 }
  | { readonly type: 'EntitlementValidityChanged'; readonly payload: EntitlementValidityChangedV1 }
  | { readonly type: 'EntitlementRevoked'; readonly payload: EntitlementRevokedV1 };

/** The entitlement after a fact, the change log row to append and the message to publish (none when nothing changed). */
export interface AccessDecision {
  readonly entitlement: Entitlement | undefined;
  readonly change?: EntitlementChange;
  readonly message?: AccessMessage;
}

export interface AccessPolicy {
  /** How long a subscription's access outlives its paid period, for a late renewal to arrive. */
  readonly graceMs: number;
  /** Whether a one-time order refunded in full loses its access. */
  readonly revokeOnFullRefund: boolean;
  /** What a dispute against a one-time order's payment does to its access (ENTITLEMENTS_DISPUTE_POLICY). */
  readonly onDispute: DisputePolicy;
}

/**
 * ENTITLEMENTS_DISPUTE_POLICY. `suspend-while-open` (default): suspended when a dispute opens,
 * reinstated when it is won (and no other dispute of the order is open), revoked when it is lost.
 * `revoke-when-lost`: access stays while the dispute is open, and is revoked when it is lost.
 */
export type DisputePolicy = 'suspend-while-open' | 'revoke-when-lost';

export const DISPUTE_POLICIES: readonly DisputePolicy[] = ['suspend-while-open', 'revoke-when-lost'];

/** What a decision may depend on besides the entitlement and the fact. */
export interface DecisionContext {
  readonly now: Date;
  readonly policy: AccessPolicy;
  /** A fresh id, for an entitlement not yet known. */
  readonly newEntitlementId: () => string;
}

export const unchanged = (entitlement: Entitlement | undefined): AccessDecision => ({ entitlement });

/** The change log row for the change that left `entitlement` as it is. */
export function changeOf(entitlement: Entitlement, change: EntitlementChangeKind, reason: EntitlementChangeLogReason, at: Date): EntitlementChange {
  return { sequence: entitlement.sequence, change, reason, at };
}
