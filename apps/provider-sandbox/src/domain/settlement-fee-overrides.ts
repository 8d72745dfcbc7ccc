import { isKnownCurrency } from '@payments/money';
import { DISPUTE_FEES, FEE_RULES, FeeRule, FeeRules } from './settlement-fees';

/** What the sandbox's Stripe charges: a fee rule per currency for payments, a fixed fee per currency for disputes. */
export interface StripeFeeSchedule {
  readonly paymentRules: FeeRules;
  /** Minor units of each currency, withdrawn with a dispute's funds. */
  readonly disputeFees: Readonly<Record<string, number>>;
}

export const DEFAULT_STRIPE_FEES: StripeFeeSchedule = { paymentRules: FEE_RULES, disputeFees: DISPUTE_FEES };

export class FeeOverrideError extends Error {
  readonly code = 'SETTLEMENT.INVALID_FEE_OVERRIDE' as const;
}

const BASIS_POINTS_MAX = 10_000;
const MINOR_UNITS_MAX = 999_999_999;

function wholeNumber(text: string, what: string, max: number): number {
  if (!/^\d{1,9}$/.test(text) || Number(text) > max) throw new FeeOverrideError(`${what} must be a whole number from 0 to ${max}, got "${text}"`);
  return Number(text);
}

/** `CUR:a:b...` items, comma-separated; each currency a known ISO 4217 code, upper-cased, named once. */
function entriesOf(text: string, fields: number, example: string): [string, string[]][] {
  const seen = new Set<string>();
  return text.split(',').map((item) => item.trim()).filter((item) => item !== '').map((item) => {
    const [currency, ...values] = item.split(':');
    const code = (currency ?? '').toUpperCase();
    if (values.length !== fields) throw new FeeOverrideError(`"${item}" is not of the form ${example}`);
    if (!isKnownCurrency(code)) throw new FeeOverrideError(`"${currency}" in "${item}" is not an ISO 4217 currency code`);
    if (seen.has(code)) throw new FeeOverrideError(`${code} is named twice`);
    seen.add(code);
    return [code, values];
  });
}

/**
 * Payment fee rules from `USD:290:30:0,INR:200:0:1800` (currency, percentage in basis points,
 * fixed part in minor units, tax on the fee in basis points), over `FEE_RULES`: a currency named
 * replaces its rule, the others keep theirs.
 */
export function parseFeeRules(text: string, base: FeeRules = FEE_RULES): FeeRules {
  const overrides = entriesOf(text, 3, 'CUR:percentBasisPoints:fixedMinor:taxOnFeeBasisPoints').map(([currency, [percent, fixed, tax]]): [string, FeeRule] => [
    currency,
    {
      percentBasisPoints: wholeNumber(percent, `${currency} percentBasisPoints`, BASIS_POINTS_MAX),
      fixedMinor: wholeNumber(fixed, `${currency} fixedMinor`, MINOR_UNITS_MAX),
      taxOnFeeBasisPoints: wholeNumber(tax, `${currency} taxOnFeeBasisPoints`, BASIS_POINTS_MAX),
    },
  ]);
  return { ...base, ...Object.fromEntries(overrides) };
}

/** Dispute fees from `USD:1500,EUR:2000` (currency, minor units), over `DISPUTE_FEES`. */
export function parseDisputeFees(text: string, base: Readonly<Record<string, number>> = DISPUTE_FEES): Readonly<Record<string, number>> {
  const overrides = entriesOf(text, 1, 'CUR:feeMinor').map(([currency, [fee]]) => [currency, wholeNumber(fee, `${currency} dispute fee`, MINOR_UNITS_MAX)]);
  return { ...base, ...Object.fromEntries(overrides) };
}
