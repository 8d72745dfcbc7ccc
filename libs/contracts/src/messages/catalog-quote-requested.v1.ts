import { defineContract } from '../contract';
import { Topics } from '../topics';
import { currency, nonEmpty, object } from './schema-parts';

/**
 * gateway asks checkout for the catalog priced in one currency, with a coupon applied if named: a
 * preview for the storefront, answered on checkout.replies (`CheckoutReplied`, 200 or the pricing
 * refusal). Nothing is stored, redeemed or opened.
 */
export interface CatalogQuoteRequestedV1 {
  /** ISO 4217; checkout's default currency when absent. */
  readonly currency?: string;
  readonly couponCode?: string;
  /** The gateway instance waiting for the reply (it filters `checkout.replies` on it). */
  readonly replyTo: string;
}

export const CatalogQuoteRequested = defineContract<CatalogQuoteRequestedV1>()({
  type: 'CatalogQuoteRequested',
  version: 1,
  topic: Topics.checkoutCommands,
  schema: object({ currency, couponCode: { type: 'string', minLength: 1, maxLength: 64 }, replyTo: nonEmpty }, ['currency', 'couponCode']),
});
