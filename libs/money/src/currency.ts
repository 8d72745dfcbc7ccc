import { MoneyError } from './money.error';

// ISO 4217 minor-unit exponents. Provider quirks (e.g. Stripe charging HUF or TWD in whole units)
// belong in the provider adapters, not here.
const ZERO_DECIMAL = [
  'BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'VND', 'VUV',
  'XAF', 'XOF', 'XPF',
];
const THREE_DECIMAL = ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'];
const TWO_DECIMAL = [
  'AED', 'ARS', 'AUD', 'BDT', 'BGN', 'BRL', 'CAD', 'CHF', 'CNY', 'COP', 'CZK', 'DKK', 'EGP', 'EUR',
  'GBP', 'GHS', 'HKD', 'HUF', 'IDR', 'ILS', 'INR', 'KES', 'LKR', 'MAD', 'MXN', 'MYR', 'NGN', 'NOK',
  'NPR', 'NZD', 'PEN', 'PHP', 'PKR', 'PLN', 'QAR', 'RON', 'SAR', 'SEK', 'SGD', 'THB', 'TRY', 'TWD',
  'TZS', 'UAH', 'USD', 'ZAR',
];

const EXPONENTS: ReadonlyMap<string, number> = new Map([
  ...ZERO_DECIMAL.map((code) => [code, 0] as const),
  ...TWO_DECIMAL.map((code) => [code, 2] as const),
  ...THREE_DECIMAL.map((code) => [code, 3] as const),
]);

/**
 * Number of decimal places of the currency's minor unit (JPY 0, INR 2, KWD 3).
 * Codes are upper-case ISO 4217; adapters upper-case Stripe's lower-case codes at the boundary.
 */
export function currencyExponent(currency: string): number {
  const exponent = EXPONENTS.get(currency);
  if (exponent === undefined) {
    throw new MoneyError('MONEY.UNKNOWN_CURRENCY', `Unknown currency '${currency}'`);
  }
  return exponent;
}

export function isKnownCurrency(currency: string): boolean {
  return EXPONENTS.has(currency);
}
