import { defineContract } from '../contract';
import { Topics } from '../topics';
import { OrderLine, PriceBreakdown, ProviderName } from './common';
import { currency, isoTime, minorUnits, nonEmpty, object, orderLine, priceBreakdown, provider, uuid } from './schema-parts';

/** order-ledger opened an order stream; the order awaits payment (status Pending). */
export interface OrderPlacedV1 {
  readonly orderId: string;
  readonly userId: string;
  readonly lines: readonly OrderLine[];
  readonly amountMinor: number;
  readonly currency: string;
  readonly breakdown: PriceBreakdown;
  readonly provider: ProviderName;
  readonly placedAt: string;
}

export const OrderPlaced = defineContract<OrderPlacedV1>()({
  type: 'OrderPlaced',
  version: 1,
  topic: Topics.ordersEvents,
  schema: object({
    orderId: uuid,
    userId: nonEmpty,
    lines: { type: 'array', minItems: 1, maxItems: 50, items: orderLine },
    amountMinor: minorUnits,
    currency,
    breakdown: priceBreakdown,
    provider,
    placedAt: isoTime,
  }),
});
