import { Money, add, multiplyByRatio, percentOf, subtract, zero } from '@payments/money';
import { PricingError } from './pricing.error';
import { TaxRule } from './pricing.types';

const BASIS_POINTS_PER_WHOLE = 10_000;

export interface TaxedAmount {
  readonly tax: Money;
  readonly total: Money;
}

/**
 * Tax on the discounted amount, rounded half-up to the minor unit.
 * Exclusive: tax = taxable x rate, total = taxable + tax.
 * Inclusive: tax = taxable - taxable x 10000 / (10000 + rate), total = taxable.
 */
export function applyTax(taxable: Money, rule: TaxRule | undefined): TaxedAmount {
  if (rule === undefined) return { tax: zero(taxable.currency), total: taxable };
  assertUsable(rule, taxable.currency);
  if (rule.inclusive) {
    const net = multiplyByRatio(taxable, BASIS_POINTS_PER_WHOLE, BASIS_POINTS_PER_WHOLE + rule.rateBasisPoints, 'half-up');
    return { tax: subtract(taxable, net), total: taxable };
  }
  const tax = percentOf(taxable, rule.rateBasisPoints, 'half-up');
  return { tax, total: add(taxable, tax) };
}

function assertUsable(rule: TaxRule, currency: string): void {
  if (rule.currency !== currency) {
    throw new PricingError('PRICING.INVALID_TAX_RULE', `Tax rule for ${rule.currency} applied to a ${currency} order`);
  }
  if (!Number.isSafeInteger(rule.rateBasisPoints) || rule.rateBasisPoints < 0) {
    throw new PricingError('PRICING.INVALID_TAX_RULE', `Tax rate ${rule.rateBasisPoints} bp is not a non-negative integer`);
  }
}
