import { currencyExponent, isKnownCurrency } from './currency';
import { MoneyError } from './money.error';

describe('currencyExponent', () => {
  it.each([
    ['JPY', 0], ['KRW', 0], ['VND', 0], ['CLP', 0], ['ISK', 0], ['UGX', 0],
    ['INR', 2], ['USD', 2], ['EUR', 2], ['GBP', 2], ['AUD', 2], ['CAD', 2], ['SGD', 2], ['AED', 2],
    ['BHD', 3], ['KWD', 3], ['OMR', 3], ['JOD', 3], ['TND', 3], ['IQD', 3], ['LYD', 3],
  ])('gives %s an exponent of %i', (currency, exponent) => {
    expect(currencyExponent(currency)).toBe(exponent);
    expect(isKnownCurrency(currency)).toBe(true);
  });

  it.each(['XYZ', 'usd', '', 'US D', 'EURO'])('refuses the unknown currency %p', (currency) => {
    expect(() => currencyExponent(currency)).toThrow(MoneyError);
    expect(() => currencyExponent(currency)).toThrow(expect.objectContaining({ code: 'MONEY.UNKNOWN_CURRENCY' }));
    expect(isKnownCurrency(currency)).toBe(false);
  });
});
