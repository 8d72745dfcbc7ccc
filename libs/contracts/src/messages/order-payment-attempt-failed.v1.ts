import { defineContract } from '../contract';
import { Topics } from '../topics';
import { isoTime, nonEmpty, object, uuid } from './schema-parts';

/** A payment attempt on a still-payable order failed; the order stays Pending. */
export interface OrderPaymentAttemptFailedV1 {
  readonly orderId: string;
  readonly userId: string;
  readonly reason: string;
  readonly failedAt: string;
}

export const OrderPaymentAttemptFailed = defineContract<OrderPaymentAttemptFailedV1>()({
  type: 'OrderPaymentAttemptFailed',
  version: 1,
  topic: Topics.ordersEvents,
  schema: object({ orderId: uuid, userId: nonEmpty, reason: { type: 'string', maxLength: 500 }, failedAt: isoTime }),
});
