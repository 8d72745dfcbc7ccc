import { defineContract } from '../contract';
import { Topics } from '../topics';
import { ProviderName, OrderLine, PriceBreakdown } from './common';
import { currency, minorUnits, nonEmpty, object, orderLine, priceBreakdown, provider, uuid } from './schema-parts';

/** checkout priced an order and opened a provider session for it. */
export interface CheckoutOpenedV1 {
  readonly orderId: string;
  readonly userId: string;
  readonly lines: readonly OrderLine[];
  readonly amountMinor: number;
  readonly currency: string;
  readonly breakdown: PriceBreakdown;
  readonly provider: ProviderName;
  /** The provider's id for the session (Stripe PaymentIntent id, Cashfree order id). */
  readonly providerReference: string;
}

export const CheckoutOpened = defineContract<CheckoutOpenedV1>()({
  type: 'CheckoutOpened',
  version: 1,
  topic: Topics.checkoutEvents,
  schema: object({
    orderId: uuid,
    userId: nonEmpty,
    lines: { type: 'array', minItems: 1, maxItems: 50, items: orderLine },
    amountMinor: minorUnits,
    currency,
    breakdown: priceBreakdown,
    provider,
    providerReference: nonEmpty,
  }),
});
