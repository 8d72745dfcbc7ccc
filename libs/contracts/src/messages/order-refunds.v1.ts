import { defineContract } from '../contract';
import { Topics } from '../topics';
import { currency, isoTime, minorUnits, nonEmpty, object, uuid } from './schema-parts';

/**
 * One refund of a paid order is done at the provider and booked in the ledger. `refundedMinor` is
 * everything refunded so far; `fullyRefunded` says nothing of the payment is left (access bought
 * with it should end). Keyed by order id.
 */
export interface OrderRefundedV1 {
  readonly orderId: string;
  readonly userId: string;
  readonly refundId: string;
  /** This refund's amount. */
  readonly amountMinor: number;
  readonly refundedMinor: number;
  readonly remainingMinor: number;
  readonly currency: string;
  readonly fullyRefunded: boolean;
  readonly refundedAt: string;
}

export const OrderRefunded = defineContract<OrderRefundedV1>()({
  type: 'OrderRefunded',
  version: 1,
  topic: Topics.ordersEvents,
  schema: object({
    orderId: uuid,
    userId: nonEmpty,
    refundId: uuid,
    amountMinor: { ...minorUnits, minimum: 1 },
    refundedMinor: minorUnits,
    remainingMinor: minorUnits,
    currency,
    fullyRefunded: { type: 'boolean' },
    refundedAt: isoTime,
  }),
});

/**
 * A refund order-ledger accepted did not happen (the provider refused, failed or canceled it); its
 * amount is refundable again. Keyed by order id.
 */
export interface OrderRefundFailedV1 {
  readonly orderId: string;
  readonly userId: string;
  readonly refundId: string;
  readonly reason: string;
  readonly failedAt: string;
}

export const OrderRefundFailed = defineContract<OrderRefundFailedV1>()({
  type: 'OrderRefundFailed',
  version: 1,
  topic: Topics.ordersEvents,
  schema: object({ orderId: uuid, userId: nonEmpty, refundId: uuid, reason: { type: 'string', maxLength: 500 }, failedAt: isoTime }),
});
