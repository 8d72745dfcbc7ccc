import { money } from './money';
import { Rounding, multiplyByRatio, percentOf } from './rounding';

describe('percentOf', () => {
  it.each<[number, string, number, Rounding, number]>([
    // GST 18% on INR 499.00 is exactly 89.82
    [49900, 'INR', 1800, 'half-up', 8982],
    // 18% of 0.25 = 4.5 paise, of 0.24 = 4.32 paise
    [25, 'INR', 1800, 'half-up', 5],
    [24, 'INR', 1800, 'half-up', 4],
    // 10% of 0.05 = 0.005: exactly half
    [5, 'USD', 1000, 'half-up', 1],
    [5, 'USD', 1000, 'half-even', 0],
    [5, 'USD', 1000, 'down', 0],
    // 10% of 0.15 = 0.015: half, even neighbour is 2
    [15, 'USD', 1000, 'half-even', 2],
    // 18% of 0.75 = 0.135: just above half
    [75, 'USD', 1800, 'half-even', 14],
    [75, 'USD', 1800, 'down', 13],
    // JPY has no minor unit: 15% of 2,900 yen = 435
    [2900, 'JPY', 1500, 'half-up', 435],
    // 10% of 25 yen = 2.5 yen
    [25, 'JPY', 1000, 'half-up', 3],
    [25, 'JPY', 1000, 'half-even', 2],
    // KWD has 3 decimals: 5% of 6.500 KWD = 0.325; of 0.009 KWD = 0.00045
    [6500, 'KWD', 500, 'half-up', 325],
    [9, 'BHD', 500, 'half-up', 0],
    [0, 'USD', 1800, 'half-up', 0],
    [1234, 'USD', 10000, 'down', 1234],
    [1234, 'USD', 0, 'half-up', 0],
  ])('takes %i %s x %i bp rounded %s to %i', (amount, currency, bp, rounding, expected) => {
    expect(percentOf(money(amount, currency), bp, rounding)).toEqual(money(expected, currency));
  });

  it('stays exact where a float product would not', () => {
    const large = money(Number.MAX_SAFE_INTEGER, 'USD');
    expect(percentOf(large, 5000, 'down').amountMinor).toBe(4503599627370495);
  });

  it.each([-1, 1.5, NaN])('refuses the basis points %p', (bp) => {
    expect(() => percentOf(money(100, 'USD'), bp, 'half-up')).toThrow(
      expect.objectContaining({ code: 'MONEY.INVALID_AMOUNT' }),
    );
  });

  it('reports an overflow when the result is past the safe range', () => {
    expect(() => percentOf(money(Number.MAX_SAFE_INTEGER, 'USD'), 20000, 'half-up')).toThrow(
      expect.objectContaining({ code: 'MONEY.OVERFLOW' }),
    );
  });
});

describe('multiplyByRatio', () => {
  it('extracts the net part of a GST-inclusive price', () => {
    // 499.00 x 10000 / 11800 = 422.881...
    expect(multiplyByRatio(money(49900, 'INR'), 10000, 11800, 'half-up')).toEqual(money(42288, 'INR'));
  });

  it('refuses a zero denominator', () => {
    expect(() => multiplyByRatio(money(1, 'USD'), 1, 0, 'down')).toThrow(
      expect.objectContaining({ code: 'MONEY.INVALID_AMOUNT' }),
    );
  });
});
