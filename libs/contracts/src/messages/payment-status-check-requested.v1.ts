import { defineContract } from '../contract';
import { Topics } from '../topics';
import { isoTime, nonEmpty, object, uuid } from './schema-parts';

/**
 * Ask checkout to look an order's payment up at the provider (the browser came back from the
 * provider, or the order sat in Pending). Only the provider's answer can move the order.
 */
export interface PaymentStatusCheckRequestedV1 {
  readonly orderId: string;
  readonly userId: string;
  /** Why the check was asked for, e.g. 'success-redirect', 'pending-timeout'. */
  readonly trigger: string;
  readonly requestedAt: string;
}

export const PaymentStatusCheckRequested = defineContract<PaymentStatusCheckRequestedV1>()({
  type: 'PaymentStatusCheckRequested',
  version: 1,
  topic: Topics.checkoutCommands,
  schema: object({ orderId: uuid, userId: nonEmpty, trigger: { type: 'string', maxLength: 64 }, requestedAt: isoTime }),
});
