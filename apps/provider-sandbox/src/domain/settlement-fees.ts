import { Money, add, money, percentOf } from '@payments/money';

/**
 * A processing fee: a percentage of the gross plus a fixed part, and a tax charged on the fee.
 * Stripe-like, for tests and demos: the shape of Stripe's standard card pricing, not a quote of it.
 */
export interface FeeRule {
  /** Percentage of the gross in basis points (290 = 2.9 %). */
  readonly percentBasisPoints: number;
  /** Fixed part in the currency's minor units (30 = $0.30; 100 = 0.100 KWD). */
  readonly fixedMinor: number;
  /** Tax on the fee in basis points (1800 = 18 % GST in India); 0 where none is charged. */
  readonly taxOnFeeBasisPoints: number;
}

/**
 * The fee per currency (ISO 4217, upper-case). A currency not listed pays `DEFAULT_FEE_RULE`: a
 * fixed part only means something in a known currency's minor unit.
 */
export const FEE_RULES: Readonly<Record<string, FeeRule>> = {
  /** 2.9 % + 30 cents. */
  USD: { percentBasisPoints: 290, fixedMinor: 30, taxOnFeeBasisPoints: 0 },
  /** 1.5 % + 25 cents (European cards). */
  EUR: { percentBasisPoints: 150, fixedMinor: 25, taxOnFeeBasisPoints: 0 },
  /** 1.5 % + 20 pence (UK cards). */
  GBP: { percentBasisPoints: 150, fixedMinor: 20, taxOnFeeBasisPoints: 0 },
  /** 2 % (domestic cards), plus 18 % GST on the fee. */
  INR: { percentBasisPoints: 200, fixedMinor: 0, taxOnFeeBasisPoints: 1800 },
  /** 3.6 %; yen have no minor unit. */
  JPY: { percentBasisPoints: 360, fixedMinor: 0, taxOnFeeBasisPoints: 0 },
  /** 2.9 % + 0.100 KWD (fils: three decimals). */
  KWD: { percentBasisPoints: 290, fixedMinor: 100, taxOnFeeBasisPoints: 0 },
};

export const DEFAULT_FEE_RULE: FeeRule = { percentBasisPoints: 290, fixedMinor: 0, taxOnFeeBasisPoints: 0 };

/** Fee rules per currency (ISO 4217, upper-case); a currency not listed pays `DEFAULT_FEE_RULE`. */
export type FeeRules = Readonly<Record<string, FeeRule>>;

export function feeRuleFor(currency: string, rules: FeeRules = FEE_RULES): FeeRule {
  return Object.prototype.hasOwnProperty.call(rules, currency) ? rules[currency] : DEFAULT_FEE_RULE;
}

export interface PaymentFee {
  readonly feeMinor: number;
  readonly taxOnFeeMinor: number;
}

/**
 * The fee of `rule` on `gross`, in integer minor units throughout: the percentage part is rounded
 * half-up to the minor unit (`percentOf`), then the fixed part added; the tax is the tax rate of
 * that fee, rounded half-up again. Never floats.
 */
export function feeByRule(gross: Money, rule: FeeRule): PaymentFee {
  const fee = add(percentOf(gross, rule.percentBasisPoints, 'half-up'), money(rule.fixedMinor, gross.currency));
  const tax = percentOf(fee, rule.taxOnFeeBasisPoints, 'half-up');
  return { feeMinor: fee.amountMinor, taxOnFeeMinor: tax.amountMinor };
}

/** The fee on a payment of `grossMinor` by its currency's rule (`FEE_RULES` unless `rules` are given), rounded as `feeByRule` says. */
export function paymentFee(grossMinor: number, currency: string, rules: FeeRules = FEE_RULES): PaymentFee {
  return feeByRule(money(grossMinor, currency), feeRuleFor(currency, rules));
}

/**
 * What a dispute costs when its funds are withdrawn, in the currency's minor units (Stripe-like:
 * $15.00, 20.00 EUR/GBP); a currency not listed pays `DEFAULT_DISPUTE_FEE_MINOR` of its minor unit.
 */
export const DISPUTE_FEES: Readonly<Record<string, number>> = { USD: 1500, EUR: 2000, GBP: 2000 };

export const DEFAULT_DISPUTE_FEE_MINOR = 1500;

export function disputeFeeFor(currency: string, fees: Readonly<Record<string, number>> = DISPUTE_FEES): number {
  return Object.prototype.hasOwnProperty.call(fees, currency) ? fees[currency] : DEFAULT_DISPUTE_FEE_MINOR;
}
