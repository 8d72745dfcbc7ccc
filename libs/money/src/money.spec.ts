import { add, compare, equals, isZero, minOf, money, multiply, subtract, zero } from './money';

const MAX = Number.MAX_SAFE_INTEGER;
const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

describe('money', () => {
  it.each([
    [0, 'JPY'], [500, 'JPY'], [49900, 'INR'], [1900, 'USD'], [1250, 'KWD'], [MAX, 'USD'],
  ])('accepts %i minor units of %s', (amountMinor, currency) => {
    expect(money(amountMinor, currency)).toEqual({ amountMinor, currency });
  });

  it.each([
    ['a negative amount', -1, 'USD', 'MONEY.INVALID_AMOUNT'],
    ['a fractional amount', 10.5, 'USD', 'MONEY.INVALID_AMOUNT'],
    ['NaN', NaN, 'USD', 'MONEY.INVALID_AMOUNT'],
    ['Infinity', Infinity, 'USD', 'MONEY.INVALID_AMOUNT'],
    ['an amount past the safe integer range', MAX + 1, 'USD', 'MONEY.OVERFLOW'],
    ['an unknown currency', 100, 'ABC', 'MONEY.UNKNOWN_CURRENCY'],
  ])('refuses %s', (_label, amountMinor, currency, expected) => {
    expect(code(() => money(amountMinor, currency))).toBe(expected);
  });

  it('returns a frozen value', () => {
    expect(Object.isFrozen(money(1, 'USD'))).toBe(true);
  });
});

describe('arithmetic', () => {
  it('adds amounts in the same currency', () => {
    expect(add(money(49900, 'INR'), money(8982, 'INR'))).toEqual(money(58882, 'INR'));
  });

  it('subtracts down to zero but never below it', () => {
    expect(subtract(money(1900, 'USD'), money(1900, 'USD'))).toEqual(zero('USD'));
    expect(code(() => subtract(money(1, 'USD'), money(2, 'USD')))).toBe('MONEY.INVALID_AMOUNT');
  });

  it.each([
    ['add', () => add(money(1, 'USD'), money(1, 'INR'))],
    ['subtract', () => subtract(money(1, 'USD'), money(1, 'INR'))],
    ['compare', () => compare(money(1, 'KWD'), money(1, 'BHD'))],
    ['minOf', () => minOf(money(1, 'JPY'), money(1, 'KRW'))],
  ])('%s refuses amounts in different currencies', (_name, operation) => {
    expect(code(operation)).toBe('MONEY.CURRENCY_MISMATCH');
  });

  it('multiplies by an integer quantity', () => {
    expect(multiply(money(49900, 'INR'), 3)).toEqual(money(149700, 'INR'));
    expect(multiply(money(2900, 'JPY'), 0)).toEqual(zero('JPY'));
  });

  it.each([1.5, -1, NaN])('refuses to multiply by the quantity %p', (quantity) => {
    expect(code(() => multiply(money(100, 'USD'), quantity))).toBe('MONEY.INVALID_AMOUNT');
  });

  it('reports an overflow instead of losing precision', () => {
    expect(code(() => add(money(MAX, 'USD'), money(1, 'USD')))).toBe('MONEY.OVERFLOW');
    expect(code(() => multiply(money(MAX, 'USD'), 2))).toBe('MONEY.OVERFLOW');
    expect(multiply(money(Math.floor(MAX / 3), 'USD'), 3).amountMinor).toBe(Math.floor(MAX / 3) * 3);
  });

  it('compares, picks the smaller and tells zero and equality', () => {
    expect(compare(money(5, 'USD'), money(7, 'USD'))).toBeLessThan(0);
    expect(minOf(money(5, 'USD'), money(7, 'USD'))).toEqual(money(5, 'USD'));
    expect(isZero(zero('KWD'))).toBe(true);
    expect(equals(money(5, 'USD'), money(5, 'USD'))).toBe(true);
    expect(equals(money(5, 'USD'), money(5, 'SGD'))).toBe(false);
  });
});
