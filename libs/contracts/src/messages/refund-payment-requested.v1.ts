import { defineContract } from '../contract';
import { Topics } from '../topics';
import { currency, isoTime, minorUnits, nonEmpty, object, uuid } from './schema-parts';

/**
 * order-ledger accepted a refund (it fits the refundable remainder) and asks checkout, which makes
 * every outbound provider call, to refund it at the provider. The amount is exact: order-ledger has
 * already resolved "the whole remainder". The provider call is keyed by `refundId`, so a redelivered
 * command can never refund twice. Keyed by our order id.
 */
export interface RefundPaymentRequestedV1 {
  readonly orderId: string;
  readonly refundId: string;
  /** The payment to refund, as the provider named it when it reported the order paid (Stripe `pi_...`). */
  readonly providerPaymentId: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly reason?: 'duplicate' | 'fraudulent' | 'requested_by_customer';
  readonly requestedAt: string;
}

export const RefundPaymentRequested = defineContract<RefundPaymentRequestedV1>()({
  type: 'RefundPaymentRequested',
  version: 1,
  topic: Topics.checkoutCommands,
  schema: object(
    {
      orderId: uuid,
      refundId: uuid,
      providerPaymentId: nonEmpty,
      amountMinor: { ...minorUnits, minimum: 1 },
      currency,
      reason: { type: 'string', enum: ['duplicate', 'fraudulent', 'requested_by_customer'] },
      requestedAt: isoTime,
    },
    ['reason'],
  ),
});
