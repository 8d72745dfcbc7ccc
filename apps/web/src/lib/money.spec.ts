import { currencyExponent, formatMinor } from './money';

describe('formatting minor units', () => {
  it.each([
    [1900, 'USD', '$19.00'],
    [49900, 'INR', '₹499.00'],
    [2900, 'JPY', '¥2,900'],
    [6500, 'KWD', 'KWD 6.500'],
    [5, 'USD', '$0.05'],
    [-500, 'USD', '-$5.00'],
    [9007199254740991, 'USD', '$90,071,992,547,409.91'],
  ])('%d %s is %s', (amountMinor, currency, shown) => {
    expect(formatMinor(amountMinor, currency).replace(/\u00a0/g, ' ')).toBe(shown);
  });

  it('knows each currency exponent', () => {
    expect([currencyExponent('JPY'), currencyExponent('USD'), currencyExponent('BHD')]).toEqual([0, 2, 3]);
  });

  it('refuses a fractional amount of minor units', () => {
    expect(() => formatMinor(19.5, 'USD')).toThrow(RangeError);
  });
});
