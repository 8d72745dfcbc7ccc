import { defineContract } from '../contract';
import { Topics } from '../topics';
import { ProviderName } from './common';
import { currency, isoTime, minorUnits, object, providerPaymentFact } from './schema-parts';

/** A provider confirmed a payment (verified webhook or status API). Keyed by our order id. */
export interface PaymentSucceededV1 {
  readonly orderId: string;
  readonly provider: ProviderName;
  readonly providerEventId: string;
  readonly providerPaymentId: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly succeededAt: string;
}

export const PaymentSucceeded = defineContract<PaymentSucceededV1>()({
  type: 'PaymentSucceeded',
  version: 1,
  topic: Topics.providerEvents,
  schema: object({
    ...providerPaymentFact,
    amountMinor: minorUnits,
    currency,
    succeededAt: isoTime,
  }),
});
