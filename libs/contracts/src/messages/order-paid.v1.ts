import { defineContract } from '../contract';
import { Topics } from '../topics';
import { OrderLine, ProviderName } from './common';
import { currency, isoTime, minorUnits, nonEmpty, object, orderLine, provider, uuid } from './schema-parts';

/** An order was paid in full, with the amount and currency it was priced at. */
export interface OrderPaidV1 {
  readonly orderId: string;
  readonly userId: string;
  readonly lines: readonly OrderLine[];
  readonly amountMinor: number;
  readonly currency: string;
  readonly provider: ProviderName;
  readonly providerPaymentId: string;
  readonly invoiceNumber: string;
  readonly paidAt: string;
}

export const OrderPaid = defineContract<OrderPaidV1>()({
  type: 'OrderPaid',
  version: 1,
  topic: Topics.ordersEvents,
  schema: object({
    orderId: uuid,
    userId: nonEmpty,
    lines: { type: 'array', minItems: 1, maxItems: 50, items: orderLine },
    amountMinor: minorUnits,
    currency,
    provider,
    providerPaymentId: nonEmpty,
    invoiceNumber: nonEmpty,
    paidAt: isoTime,
  }),
});
