import { fromMajorString, toMajorString } from './major-string';
import { money } from './money';

describe('toMajorString', () => {
  it.each([
    [49900, 'INR', '499.00'],
    [17000, 'INR', '170.00'],
    [5, 'USD', '0.05'],
    [0, 'USD', '0.00'],
    [1900, 'USD', '19.00'],
    [500, 'JPY', '500'],
    [0, 'JPY', '0'],
    [1250, 'KWD', '1.250'],
    [7, 'BHD', '0.007'],
    [Number.MAX_SAFE_INTEGER, 'USD', '90071992547409.91'],
  ])('writes %i %s as %p', (amount, currency, expected) => {
    expect(toMajorString(money(amount, currency))).toBe(expected);
  });
});

describe('fromMajorString', () => {
  it.each([
    ['170.00', 'INR', 17000],
    ['170', 'INR', 17000],
    ['170.5', 'INR', 17050],
    ['0.01', 'USD', 1],
    ['500', 'JPY', 500],
    ['1.250', 'KWD', 1250],
    ['1.25', 'KWD', 1250],
    ['0.007', 'BHD', 7],
    ['90071992547409.91', 'USD', Number.MAX_SAFE_INTEGER],
  ])('reads %p %s as %i minor units', (s, currency, expected) => {
    expect(fromMajorString(s, currency)).toEqual(money(expected, currency));
  });

  it.each([
    ['more decimals than INR has', '1.005', 'INR'],
    ['any decimals for JPY', '500.0', 'JPY'],
    ['more decimals than KWD has', '1.2500', 'KWD'],
    ['a negative amount', '-1.00', 'USD'],
    ['an explicit plus sign', '+1.00', 'USD'],
    ['an exponent', '1e3', 'USD'],
    ['NaN', 'NaN', 'USD'],
    ['Infinity', 'Infinity', 'USD'],
    ['an empty string', '', 'USD'],
    ['surrounding spaces', ' 1.00', 'USD'],
    ['a thousands separator', '1,000.00', 'USD'],
    ['a bare point', '1.', 'USD'],
    ['a missing whole part', '.50', 'USD'],
    ['hexadecimal', '0x10', 'USD'],
  ])('refuses %s (%p)', (_label, s, currency) => {
    expect(() => fromMajorString(s, currency)).toThrow(expect.objectContaining({ code: 'MONEY.INVALID_AMOUNT' }));
  });

  it('reports an overflow past the safe integer range', () => {
    expect(() => fromMajorString('90071992547409.92', 'USD')).toThrow(
      expect.objectContaining({ code: 'MONEY.OVERFLOW' }),
    );
  });

  it('refuses an unknown currency', () => {
    expect(() => fromMajorString('1.00', 'XXX')).toThrow(expect.objectContaining({ code: 'MONEY.UNKNOWN_CURRENCY' }));
  });

  it.each([[49900, 'INR'], [1250, 'KWD'], [2900, 'JPY'], [1, 'USD']])(
    'round-trips %i %s through its major string',
    (amount, currency) => {
      const m = money(amount, currency);
      expect(fromMajorString(toMajorString(m), currency)).toEqual(m);
    },
  );
});
