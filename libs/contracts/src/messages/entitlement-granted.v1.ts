import { defineContract } from '../contract';
import { Topics } from '../topics';
import { ProductKind } from './common';
import { isoTime, nonEmpty, object, uuid } from './schema-parts';

/**
 * The LMS contract: a user may now access a course (or a plan's content).
 * Keyed by user id. Granted once per (user, product, order), however often the payment is reported.
 */
export interface EntitlementGrantedV1 {
  readonly entitlementId: string;
  readonly userId: string;
  readonly productId: string;
  readonly kind: ProductKind;
  /** The purchase the access comes from: the order id, or the subscription id for a subscription. */
  readonly orderId: string;
  /** Set when the access comes from a subscription. */
  readonly subscriptionId?: string;
  /** Set when the access is time-limited (a subscription's paid period plus the grace). */
  readonly validUntil?: string;
  readonly grantedAt: string;
}

export const EntitlementGranted = defineContract<EntitlementGrantedV1>()({
  type: 'EntitlementGranted',
  version: 1,
  topic: Topics.entitlementGranted,
  schema: object(
    {
      entitlementId: uuid,
      userId: nonEmpty,
      productId: nonEmpty,
      kind: { type: 'string', enum: ['course', 'plan'] },
      orderId: uuid,
      subscriptionId: uuid,
      validUntil: isoTime,
      grantedAt: isoTime,
    },
    ['subscriptionId', 'validUntil'],
  ),
});
