/** Digits after the decimal point of a currency, as Intl knows them (JPY 0, USD 2, KWD 3). */
export function currencyExponent(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Integer minor units as a localized amount, without floating point: the decimal string is built
 * from the digits and handed to Intl as a string (which it formats exactly).
 */
export function formatMinor(amountMinor: number, currency: string, locale = 'en'): string {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`amountMinor must be a safe integer, got ${amountMinor}`);
  const exponent = currencyExponent(currency);
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, '0');
  const decimal = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency }).format as unknown as (value: string) => string;
  return format(`${amountMinor < 0 ? '-' : ''}${decimal}`);
}
