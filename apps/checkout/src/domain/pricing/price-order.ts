import { Money, isKnownCurrency, money, multiply, subtract, zero } from '@payments/money';
import { couponDiscount } from './coupon.policy';
import { PricingError } from './pricing.error';
import { CatalogItem, PriceOrderInput, PriceQuote } from './pricing.types';
import { applyTax } from './tax.policy';

const MIN_QUANTITY = 1;
const MAX_QUANTITY = 100;

/**
 * Prices one catalog item server-side, in integer minor units of the order's currency:
 * - subtotal = unit price x quantity (quantity 1..100);
 * - discount = the coupon's percentage of the subtotal rounded half-up to the minor unit,
 *   or its fixed amount capped at the subtotal;
 * - taxable = subtotal - discount;
 * - exclusive tax: tax = taxable x rate rounded half-up, total = taxable + tax;
 * - inclusive tax: tax = taxable - round_half_up(taxable x 10000 / (10000 + rate)), total = taxable.
 * Without a tax rule the tax is zero. Throws PricingError (or MoneyError on overflow).
 */
export function priceOrder(input: PriceOrderInput): PriceQuote {
  const { item, quantity, currency, coupon, taxRule, now } = input;
  assertQuantity(quantity);
  if (!item.active) {
    throw new PricingError('PRICING.PRODUCT_INACTIVE', `Product ${item.productId} is no longer sold`);
  }
  const unit = unitPrice(item, currency);
  const subtotal = multiply(unit, quantity);
  const discount: Money = coupon ? couponDiscount(coupon, subtotal, now) : zero(currency);
  const { tax, total } = applyTax(subtract(subtotal, discount), taxRule);
  return {
    lines: [{ productId: item.productId, kind: item.kind, quantity, unitAmountMinor: unit.amountMinor }],
    currency,
    subtotalMinor: subtotal.amountMinor,
    discountMinor: discount.amountMinor,
    taxMinor: tax.amountMinor,
    totalMinor: total.amountMinor,
    ...(taxRule ? { taxLabel: taxRule.label } : {}),
    ...(coupon ? { couponCode: coupon.code } : {}),
  };
}

function assertQuantity(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < MIN_QUANTITY || quantity > MAX_QUANTITY) {
    throw new PricingError(
      'PRICING.INVALID_QUANTITY',
      `Quantity must be an integer from ${MIN_QUANTITY} to ${MAX_QUANTITY}, got ${quantity}`,
    );
  }
}

function unitPrice(item: CatalogItem, currency: string): Money {
  const amountMinor = isKnownCurrency(currency) && Object.hasOwn(item.prices, currency) ? item.prices[currency] : undefined;
  if (amountMinor === undefined) {
    throw new PricingError('PRICING.CURRENCY_NOT_OFFERED', `Product ${item.productId} is not sold in ${currency}`);
  }
  return money(amountMinor, currency);
}
