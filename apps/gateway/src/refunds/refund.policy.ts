import { GatewayError } from '../gateway.error';

export interface RefundableOrder {
  readonly orderId: string;
  readonly status: string;
  readonly amountMinor: number;
  readonly refundedMinor: number;
}

/** Statuses in which money was taken and some may still be returned. */
export const REFUNDABLE_STATUSES: readonly string[] = ['paid', 'partially_refunded'];

/** What may still be refunded: paid - refunded, in minor units. */
export function refundableRemainder(order: RefundableOrder): number {
  return Math.max(0, order.amountMinor - order.refundedMinor);
}

/**
 * Why the gateway refuses a refund of `requestedMinor` (undefined: the whole remainder), or null.
 * A first filter on the gateway's read model; order-ledger decides with pending refunds counted.
 */
export function refundRefusal(order: RefundableOrder, requestedMinor: number | undefined): GatewayError | null {
  const remainder = refundableRemainder(order);
  if (!REFUNDABLE_STATUSES.includes(order.status) || remainder === 0) {
    return new GatewayError('ORDER.NOT_REFUNDABLE', `order ${order.orderId} is ${order.status} with nothing refundable`);
  }
  if (requestedMinor !== undefined && requestedMinor > remainder) {
    return new GatewayError('REFUND.EXCEEDS_REMAINDER', `${requestedMinor} exceeds the refundable remainder of ${remainder}`);
  }
  return null;
}
