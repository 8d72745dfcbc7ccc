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
  readonly orderId: string;
  readonly grantedAt: string;
}

export const EntitlementGranted = defineContract<EntitlementGrantedV1>()({
  type: 'EntitlementGranted',
  version: 1,
  topic: Topics.entitlementGranted,
  schema: object({
    entitlementId: uuid,
    userId: nonEmpty,
    productId: nonEmpty,
    kind: { type: 'string', enum: ['course', 'plan'] },
    orderId: uuid,
    grantedAt: isoTime,
  }),
});
