import { currencyExponent } from './currency';
import { MoneyError } from './money.error';
import { Money, fromBigInt } from './money';

// Digits, then optionally a point and at least one digit. No sign, exponent, spaces or separators.
const PLAIN_DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * The exact decimal in major units, with exactly the currency's decimals:
 * 49900 INR -> '499.00', 500 JPY -> '500', 1250 KWD -> '1.250'. Used for Cashfree's `order_amount`.
 */
export function toMajorString(m: Money): string {
  const exponent = currencyExponent(m.currency);
  const digits = m.amountMinor.toString().padStart(exponent + 1, '0');
  if (exponent === 0) return digits;
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/**
 * Parses a plain decimal in major units into minor units ('170.00' INR -> 17000, '170.5' -> 17050).
 * Refuses more decimals than the currency has, signs, exponents, blanks and anything not a number.
 */
export function fromMajorString(s: string, currency: string): Money {
  const exponent = currencyExponent(currency);
  const match = typeof s === 'string' ? PLAIN_DECIMAL.exec(s) : null;
  if (!match) {
    throw new MoneyError('MONEY.INVALID_AMOUNT', `'${String(s)}' is not a plain non-negative decimal amount`);
  }
  const [, whole, fraction = ''] = match;
  if (fraction.length > exponent) {
    throw new MoneyError(
      'MONEY.INVALID_AMOUNT',
      `'${s}' has ${fraction.length} decimals; ${currency} allows ${exponent}`,
    );
  }
  return fromBigInt(BigInt(whole + fraction.padEnd(exponent, '0')), currency);
}
