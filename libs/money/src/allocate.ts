import { MoneyError } from './money.error';
import { Money, assertNonNegativeInteger, fromBigInt } from './money';

/**
 * Splits `m` by integer `ratios` so the parts sum exactly to `m` (largest remainder method):
 * each part gets the floor of its share, then the leftover minor units go one each to the parts
 * with the largest fractional remainders, ties to the earlier part. A zero ratio gets zero.
 */
export function allocate(m: Money, ratios: readonly number[]): Money[] {
  ratios.forEach((ratio, i) => assertNonNegativeInteger(ratio, `ratios[${i}]`));
  const total = ratios.reduce((sum, ratio) => sum + BigInt(ratio), 0n);
  if (total === 0n) {
    throw new MoneyError('MONEY.INVALID_AMOUNT', 'allocate needs at least one ratio greater than zero');
  }
  const amount = BigInt(m.amountMinor);
  const shares = ratios.map((ratio, index) => {
    const scaled = amount * BigInt(ratio);
    return { index, floor: scaled / total, remainder: scaled % total };
  });
  let leftover = amount - shares.reduce((sum, share) => sum + share.floor, 0n);
  const byRemainder = [...shares].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  const parts = shares.map((share) => share.floor);
  for (const share of byRemainder) {
    if (leftover === 0n) break;
    parts[share.index] += 1n;
    leftover -= 1n;
  }
  return parts.map((part) => fromBigInt(part, m.currency));
}
