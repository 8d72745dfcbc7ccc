import type { BillingInterval } from '@payments/contracts';
import { priceOrder } from './price-order';
import { PricingError } from './pricing.error';
import { CatalogItem, PriceQuote, TaxRule } from './pricing.types';

export interface PricePlanInput {
  item: CatalogItem;
  currency: string;
  /** No rule means no tax for that currency. */
  taxRule?: TaxRule;
  now: Date;
}

export interface PlanQuote {
  readonly interval: BillingInterval;
  /** What each period costs: one unit of the plan, taxed as a one-time order is. */
  readonly quote: PriceQuote;
}

/**
 * Prices one period of a plan that renews: a catalog item of kind `plan` with a billing interval,
 * priced exactly as a one-time order of quantity 1 without coupon (see `priceOrder`). Throws
 * PricingError: `PRICING.NOT_A_PLAN` for a course, or a plan sold only once.
 */
export function pricePlan(input: PricePlanInput): PlanQuote {
  const { item } = input;
  if (item.kind !== 'plan' || !item.interval) {
    throw new PricingError('PRICING.NOT_A_PLAN', `Product ${item.productId} is not a plan that renews`);
  }
  return { interval: item.interval, quote: priceOrder({ item, quantity: 1, currency: input.currency, taxRule: input.taxRule, now: input.now }) };
}
