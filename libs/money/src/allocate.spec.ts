import { allocate } from './allocate';
import { money } from './money';

const amounts = (parts: { amountMinor: number }[]): number[] => parts.map((part) => part.amountMinor);

describe('allocate', () => {
  it.each<[number, string, number[], number[]]>([
    [100, 'USD', [1, 1, 1], [34, 33, 33]],
    [5, 'USD', [3, 7], [2, 3]],
    [58882, 'INR', [49900, 8982], [49900, 8982]],
    [1000, 'JPY', [1, 1, 1], [334, 333, 333]],
    [1001, 'KWD', [1, 0, 1], [501, 0, 500]],
    [0, 'USD', [1, 2], [0, 0]],
    [7, 'BHD', [10], [7]],
    // remainders 0.6 and 0.4: the larger remainder wins the leftover unit
    [2, 'USD', [3, 2], [1, 1]],
    [1, 'USD', [2, 3], [0, 1]],
  ])('splits %i %s by %p into %p', (amount, currency, ratios, expected) => {
    const parts = allocate(money(amount, currency), ratios);
    expect(amounts(parts)).toEqual(expected);
    expect(parts.every((part) => part.currency === currency)).toBe(true);
    expect(amounts(parts).reduce((a, b) => a + b, 0)).toBe(amount);
  });

  it('sums exactly for large amounts and awkward ratios', () => {
    const parts = allocate(money(Number.MAX_SAFE_INTEGER, 'USD'), [7, 11, 13]);
    expect(amounts(parts).reduce((a, b) => a + b, 0)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([[[]], [[0, 0]], [[-1, 2]], [[1.5]]])('refuses the ratios %p', (ratios) => {
    expect(() => allocate(money(100, 'USD'), ratios)).toThrow(expect.objectContaining({ code: 'MONEY.INVALID_AMOUNT' }));
  });
});
