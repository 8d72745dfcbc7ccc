import { defineContract } from '../contract';
import { Topics } from '../topics';
import { isoTime, nonEmpty, object, uuid } from './schema-parts';

/** A payment did not match its order (amount or currency); nothing was marked paid. */
export interface OrderFlaggedForReviewV1 {
  readonly orderId: string;
  readonly userId: string;
  readonly reason: string;
  readonly flaggedAt: string;
}

export const OrderFlaggedForReview = defineContract<OrderFlaggedForReviewV1>()({
  type: 'OrderFlaggedForReview',
  version: 1,
  topic: Topics.ordersEvents,
  schema: object({ orderId: uuid, userId: nonEmpty, reason: { type: 'string', maxLength: 500 }, flaggedAt: isoTime }),
});
