import { defineContract } from '../contract';
import { Topics } from '../topics';
import { ProviderName } from './common';
import { isoTime, object, providerPaymentFact } from './schema-parts';

/**
 * A provider closed an order's payment session without money moving (Stripe PaymentIntent
 * canceled, Checkout Session expired): nothing can be paid on it any more. Not one failed attempt
 * (that is PaymentAttemptFailed, and the order stays payable). Keyed by our order id.
 */
export interface PaymentSessionClosedV1 {
  readonly orderId: string;
  readonly provider: ProviderName;
  readonly providerEventId: string;
  /** The closed payment or session (Stripe `pi_...` or `cs_...`). */
  readonly providerPaymentId: string;
  readonly reason: string;
  readonly closedAt: string;
}

export const PaymentSessionClosed = defineContract<PaymentSessionClosedV1>()({
  type: 'PaymentSessionClosed',
  version: 1,
  topic: Topics.providerEvents,
  schema: object({
    ...providerPaymentFact,
    reason: { type: 'string', maxLength: 500 },
    closedAt: isoTime,
  }),
});
