import { MoneyError, fromMajorString, money, toMajorString } from '@payments/money';
import { ProviderError } from '../port/provider.errors';
import { JsonDecimal } from './cashfree-json.writer';

/** Minor units as the decimal Cashfree expects: 17000 INR -> `170.00`. */
export function toCashfreeAmount(amountMinor: number, currency: string): JsonDecimal {
  return new JsonDecimal(toMajorString(money(amountMinor, currency)));
}

/** Signed minor units as a decimal: -1050 INR -> `-10.50` (a settlement's `adjustment`, which can go either way). */
export function toSignedCashfreeAmount(amountMinor: number, currency: string): JsonDecimal {
  const magnitude = toMajorString(money(Math.abs(amountMinor), currency));
  return new JsonDecimal(amountMinor < 0 ? `-${magnitude}` : magnitude, { signed: true });
}

/**
 * A Cashfree amount (a JSON number such as 170.00, or a string) in minor units: 170 -> 17000 paise.
 * A parsed JSON number is read back through its shortest decimal form, which is exactly the
 * decimal that was sent for any amount with at most 15 significant digits; more decimals than the
 * currency has (170.005 INR), signs and exponents are refused rather than rounded.
 */
export function minorFromCashfreeAmount(value: unknown, currency: string, field = 'amount'): number {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value : null;
  try {
    if (text === null) throw new MoneyError('MONEY.INVALID_AMOUNT', `${String(value)} is not an amount`);
    return fromMajorString(text, currency).amountMinor;
  } catch (error) {
    if (!(error instanceof MoneyError)) throw error;
    throw new ProviderError('PROVIDER.INVALID_REQUEST', `Cashfree ${field} ${String(value)} ${currency} is not a valid amount: ${error.message}`, {
      cause: error,
    });
  }
}

/** `minorFromCashfreeAmount` for an amount that may be negative (-10.5 -> -1050), exactly as strictly. */
export function signedMinorFromCashfreeAmount(value: unknown, currency: string, field = 'amount'): number {
  const negative = (typeof value === 'number' && value < 0) || (typeof value === 'string' && value.startsWith('-'));
  if (!negative) return minorFromCashfreeAmount(value, currency, field);
  const magnitude = typeof value === 'number' ? -value : (value as string).slice(1);
  const minor = minorFromCashfreeAmount(magnitude, currency, field);
  return minor === 0 ? 0 : -minor;
}

/** A webhook amount in minor units; one we cannot read exactly is reported as null (stored, never published), with why in `reason`. */
export function amountOf(value: unknown, currency: string | null, field: string): { amountMinor: number | null; unreadable?: string } {
  if (currency === null) return { amountMinor: null };
  try {
    return { amountMinor: minorFromCashfreeAmount(value, currency, field) };
  } catch (error) {
    if (error instanceof ProviderError) return { amountMinor: null, unreadable: error.message };
    throw error;
  }
}
