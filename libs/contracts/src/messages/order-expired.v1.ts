import { defineContract } from '../contract';
import { Topics } from '../topics';
import { isoTime, nonEmpty, object, uuid } from './schema-parts';

/**
 * A Pending order was never paid: it stayed quiet past its time, and a server-side status check
 * found no payment. It is closed; a payment that still arrives is flagged for review, not applied.
 * Keyed by order id.
 */
export interface OrderExpiredV1 {
  readonly orderId: string;
  readonly userId: string;
  readonly expiredAt: string;
}

export const OrderExpired = defineContract<OrderExpiredV1>()({
  type: 'OrderExpired',
  version: 1,
  topic: Topics.ordersEvents,
  schema: object({ orderId: uuid, userId: nonEmpty, expiredAt: isoTime }),
});
