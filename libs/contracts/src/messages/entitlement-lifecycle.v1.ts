import { defineContract } from '../contract';
import { Topics } from '../topics';
import { ProductKind } from './common';
import { isoTime, nonEmpty, object, uuid } from './schema-parts';

/** Why an entitlement's validity changed. */
export type EntitlementChangeReason =
  /** A subscription renewal was paid: access runs to the new period's end plus the grace. */
  | 'renewal-paid'
  /** A renewal stayed unpaid past the grace: access is paused until a payment arrives. */
  | 'past-due-beyond-grace'
  /** A payment arrived for a suspended subscription: access is back. */
  | 'payment-recovered'
  /** A dispute (chargeback) against the order's payment opened: access is paused while it is open (ENTITLEMENTS_DISPUTE_POLICY). */
  | 'dispute-opened'
  /** The dispute closed in our favour: access is back. */
  | 'dispute-won';

/**
 * The LMS contract: an entitlement's validity changed (extended by a renewal, suspended, reinstated;
 * a one-time order's access suspended and reinstated around a dispute). Keyed by user id. `status`
 * and `validUntil` are the entitlement's state after the change; a consumer keeps the message with
 * the highest `sequence` per entitlement.
 */
export interface EntitlementValidityChangedV1 {
  readonly entitlementId: string;
  readonly userId: string;
  readonly productId: string;
  readonly kind: ProductKind;
  /** A one-time order's entitlement: the order. Absent for a subscription's (its purchase is `subscriptionId`). */
  readonly orderId?: string;
  /** A subscription's entitlement: always there. */
  readonly subscriptionId?: string;
  readonly status: 'active' | 'suspended';
  /** Absent: access with no end (a one-time purchase). */
  readonly validUntil?: string;
  readonly reason: EntitlementChangeReason;
  /** Increases with every change of this entitlement. */
  readonly sequence: number;
  readonly changedAt: string;
}

export const EntitlementValidityChanged = defineContract<EntitlementValidityChangedV1>()({
  type: 'EntitlementValidityChanged',
  version: 1,
  topic: Topics.entitlementChanged,
  schema: object(
    {
      entitlementId: uuid,
      userId: nonEmpty,
      productId: nonEmpty,
      kind: { type: 'string', enum: ['course', 'plan'] },
      orderId: uuid,
      subscriptionId: uuid,
      status: { type: 'string', enum: ['active', 'suspended'] },
      validUntil: isoTime,
      reason: { type: 'string', enum: ['renewal-paid', 'past-due-beyond-grace', 'payment-recovered', 'dispute-opened', 'dispute-won'] },
      sequence: { type: 'integer', minimum: 1 },
      changedAt: isoTime,
    },
    ['orderId', 'subscriptionId', 'validUntil'],
  ),
});

/** Why access ended. */
export type EntitlementRevocationReason =
  /** The one-time order that bought it was refunded in full. */
  | 'order-refunded'
  /** The subscription ended (canceled at period end, canceled at once, or its retries ran out). */
  | 'subscription-ended'
  /** The payment was lost to a dispute. */
  | 'dispute-lost';

/**
 * The LMS contract: a user may no longer access a course or plan. Final for this entitlement (a new
 * purchase is a new grant). Keyed by user id. Published once per entitlement.
 */
export interface EntitlementRevokedV1 {
  readonly entitlementId: string;
  readonly userId: string;
  readonly productId: string;
  readonly kind: ProductKind;
  /** The purchase the access came from: the order id, or the subscription id for a subscription. */
  readonly orderId: string;
  readonly subscriptionId?: string;
  readonly reason: EntitlementRevocationReason;
  readonly revokedAt: string;
}

export const EntitlementRevoked = defineContract<EntitlementRevokedV1>()({
  type: 'EntitlementRevoked',
  version: 1,
  topic: Topics.entitlementRevoked,
  schema: object(
    {
      entitlementId: uuid,
      userId: nonEmpty,
      productId: nonEmpty,
      kind: { type: 'string', enum: ['course', 'plan'] },
      orderId: uuid,
      subscriptionId: uuid,
      reason: { type: 'string', enum: ['order-refunded', 'subscription-ended', 'dispute-lost'] },
      revokedAt: isoTime,
    },
    ['subscriptionId'],
  ),
});
