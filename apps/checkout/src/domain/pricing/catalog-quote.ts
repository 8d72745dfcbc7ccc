import { priceOrder } from './price-order';
import { PricingError } from './pricing.error';
import { CatalogItem, Coupon, PriceQuote, TaxRule } from './pricing.types';

/** One product of the catalog as the storefront shows it: its price for one unit, or null when not sold in the currency. */
export interface CatalogEntryQuote {
  readonly productId: string;
  readonly kind: CatalogItem['kind'];
  readonly title: string;
  readonly quote: PriceQuote | null;
}

export interface QuoteCatalogInput {
  readonly items: readonly CatalogItem[];
  readonly currency: string;
  readonly coupon?: Coupon;
  readonly taxRule?: TaxRule;
  readonly now: Date;
}

/**
 * Prices one unit of every active item the way a checkout would (the same `priceOrder`), so the
 * preview and the order agree to the minor unit. A currency an item is not sold in leaves that item
 * unpriced; any other PricingError (a coupon that cannot be used) refuses the whole quote. A plan
 * is priced as its subscription is (`pricePlan`: no coupon), so its preview never shows a discount
 * the subscription would not give.
 */
export function quoteCatalog(input: QuoteCatalogInput): CatalogEntryQuote[] {
  return input.items.filter((item) => item.active).map((item) => ({
    productId: item.productId,
    kind: item.kind,
    title: item.title,
    quote: priceOrOffered(item, input),
  }));
}

function priceOrOffered(item: CatalogItem, input: QuoteCatalogInput): PriceQuote | null {
  try {
    const coupon = item.kind === 'plan' ? undefined : input.coupon;
    return priceOrder({ item, quantity: 1, currency: input.currency, coupon, taxRule: input.taxRule, now: input.now });
  } catch (error) {
    if (error instanceof PricingError && error.code === 'PRICING.CURRENCY_NOT_OFFERED') return null;
    throw error;
  }
}
