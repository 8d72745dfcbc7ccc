import { defineContract } from '../contract';
import { Topics } from '../topics';
import { ProviderName } from './common';
import { isoTime, object, providerPaymentFact } from './schema-parts';

/** One payment attempt failed; the order stays payable (Stripe returns to requires_payment_method). */
export interface PaymentAttemptFailedV1 {
  readonly orderId: string;
  readonly provider: ProviderName;
  readonly providerEventId: string;
  readonly providerPaymentId: string;
  readonly reason: string;
  readonly failedAt: string;
}

export const PaymentAttemptFailed = defineContract<PaymentAttemptFailedV1>()({
  type: 'PaymentAttemptFailed',
  version: 1,
  topic: Topics.providerEvents,
  schema: object({
    ...providerPaymentFact,
    reason: { type: 'string', maxLength: 500 },
    failedAt: isoTime,
  }),
});
