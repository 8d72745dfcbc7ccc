import { defineContract } from '../contract';
import { Topics } from '../topics';
import { ProviderName } from './common';
import { currency, isoTime, minorUnits, nonEmpty, object, provider, uuid } from './schema-parts';

/**
 * A provider reported one of our refunds final and successful: checkout's refund call answered so,
 * or a verified refund webhook said so. Keyed by our order id. The same refund can be reported by
 * both; consumers apply it once per `refundId`.
 */
export interface RefundSucceededV1 {
  readonly orderId: string;
  readonly refundId: string;
  readonly provider: ProviderName;
  /** The provider's event id, or `refund-call:<provider refund id>` when checkout's call reported it. */
  readonly providerEventId: string;
  /** The provider's refund id (Stripe `re_...`; Cashfree `<order_id>:<refund_id>`). */
  readonly providerRefundId: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly succeededAt: string;
}

export const RefundSucceeded = defineContract<RefundSucceededV1>()({
  type: 'RefundSucceeded',
  version: 1,
  topic: Topics.providerEvents,
  schema: object({
    orderId: uuid,
    refundId: uuid,
    provider,
    providerEventId: nonEmpty,
    providerRefundId: nonEmpty,
    amountMinor: { ...minorUnits, minimum: 1 },
    currency,
    succeededAt: isoTime,
  }),
});

/**
 * One of our refunds did not happen: the provider refused the call, or reported the refund failed or
 * canceled. The money stays with us; the refunded amount is free to be refunded again. Keyed by our
 * order id. `providerRefundId` is absent when the provider refused before creating a refund.
 */
export interface RefundFailedV1 {
  readonly orderId: string;
  readonly refundId: string;
  readonly provider: ProviderName;
  readonly providerEventId: string;
  readonly providerRefundId?: string;
  readonly reason: string;
  readonly failedAt: string;
}

export const RefundFailed = defineContract<RefundFailedV1>()({
  type: 'RefundFailed',
  version: 1,
  topic: Topics.providerEvents,
  schema: object(
    {
      orderId: uuid,
      refundId: uuid,
      provider,
      providerEventId: nonEmpty,
      providerRefundId: nonEmpty,
      reason: { type: 'string', maxLength: 500 },
      failedAt: isoTime,
    },
    ['providerRefundId'],
  ),
});
