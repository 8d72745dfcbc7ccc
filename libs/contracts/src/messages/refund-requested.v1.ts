import { defineContract } from '../contract';
import { Topics } from '../topics';
import { isoTime, minorUnits, nonEmpty, object, uuid } from './schema-parts';

/**
 * An admin asked to refund (part of) a paid order. order-ledger decides against the refundable
 * remainder; the same refundId with the same amount is applied once.
 */
export interface RefundRequestedV1 {
  readonly orderId: string;
  /** Derived from (admin, Idempotency-Key): a retried request names the same refund. */
  readonly refundId: string;
  /** Omitted: the whole refundable remainder. */
  readonly amountMinor?: number;
  readonly reason?: string;
  readonly requestedBy: string;
  readonly requestedAt: string;
}

export const RefundRequested = defineContract<RefundRequestedV1>()({
  type: 'RefundRequested',
  version: 1,
  topic: Topics.ordersCommands,
  schema: object(
    {
      orderId: uuid,
      refundId: uuid,
      amountMinor: { ...minorUnits, minimum: 1 },
      reason: { type: 'string', maxLength: 500 },
      requestedBy: nonEmpty,
      requestedAt: isoTime,
    },
    ['amountMinor', 'reason'],
  ),
});
