import { defineContract } from '../contract';
import { Topics } from '../topics';
import { isoTime, nonEmpty, object, uuid } from './schema-parts';

/** A Pending order whose payment session the provider closed: it can no longer be paid. Keyed by order id. */
export interface OrderFailedV1 {
  readonly orderId: string;
  readonly userId: string;
  readonly reason: string;
  readonly failedAt: string;
}

export const OrderFailed = defineContract<OrderFailedV1>()({
  type: 'OrderFailed',
  version: 1,
  topic: Topics.ordersEvents,
  schema: object({ orderId: uuid, userId: nonEmpty, reason: { type: 'string', maxLength: 500 }, failedAt: isoTime }),
});
