import { defineContract } from '../contract';
import { Topics } from '../topics';
import { currency, isoTime, minorUnits, nonEmpty, object, uuid } from './schema-parts';

/**
 * Provider facts (a payment, a failed attempt, a closed session, a refund outcome) for an order id
 * nobody placed within the window: money may have moved with no order behind it, so a person must
 * look. If the order turns up later its facts are still applied. Keyed by order id.
 */
export interface UnmatchedPaymentRecordedV1 {
  readonly orderId: string;
  readonly facts: number;
  readonly kinds: readonly string[];
  /** The sum of the successful payments among the facts (0 if none), in `currency`. */
  readonly paymentsMinor: number;
  readonly currency?: string;
  readonly providerPaymentIds: readonly string[];
  readonly firstReceivedAt: string;
  readonly recordedAt: string;
}

export const UnmatchedPaymentRecorded = defineContract<UnmatchedPaymentRecordedV1>()({
  type: 'UnmatchedPaymentRecorded',
  version: 1,
  topic: Topics.ordersEvents,
  schema: object(
    {
      orderId: uuid,
      facts: { type: 'integer', minimum: 1 },
      kinds: { type: 'array', items: nonEmpty, maxItems: 1000 },
      paymentsMinor: minorUnits,
      currency,
      providerPaymentIds: { type: 'array', items: nonEmpty, maxItems: 1000 },
      firstReceivedAt: isoTime,
      recordedAt: isoTime,
    },
    ['currency'],
  ),
});
