import { MoneyError } from './money.error';
import { Money, assertNonNegativeInteger, fromBigInt } from './money';

/**
 * How a fractional minor unit is resolved.
 * - `half-up`: halves go up (amounts are non-negative, so this is "away from zero").
 * - `half-even`: halves go to the even neighbour (banker's rounding).
 * - `down`: the fraction is dropped.
 */
export type Rounding = 'half-up' | 'half-even' | 'down';

const BASIS_POINTS_PER_WHOLE = 10_000;

/** `numerator / denominator` for non-negative bigints, rounded as asked. */
export function divideRounded(numerator: bigint, denominator: bigint, rounding: Rounding): bigint {
  if (denominator <= 0n || numerator < 0n) {
    throw new MoneyError('MONEY.INVALID_AMOUNT', `Cannot divide ${numerator} by ${denominator}`);
  }
  const quotient = numerator / denominator;
  const twiceRemainder = (numerator % denominator) * 2n;
  switch (rounding) {
    case 'down':
      return quotient;
    case 'half-up':
      return twiceRemainder >= denominator ? quotient + 1n : quotient;
    case 'half-even':
      if (twiceRemainder > denominator) return quotient + 1n;
      if (twiceRemainder < denominator) return quotient;
      return quotient % 2n === 0n ? quotient : quotient + 1n;
    default: {
      const unknown: never = rounding;
      throw new MoneyError('MONEY.INVALID_AMOUNT', `Unknown rounding '${String(unknown)}'`);
    }
  }
}

/** `m x numerator / denominator`, exact in bigint until the final rounding. */
export function multiplyByRatio(m: Money, numerator: number, denominator: number, rounding: Rounding): Money {
  assertNonNegativeInteger(numerator, 'numerator');
  assertNonNegativeInteger(denominator, 'denominator');
  if (denominator === 0) {
    throw new MoneyError('MONEY.INVALID_AMOUNT', 'denominator must be greater than zero');
  }
  const product = BigInt(m.amountMinor) * BigInt(numerator);
  return fromBigInt(divideRounded(product, BigInt(denominator), rounding), m.currency);
}

/** `basisPoints / 10000` of `m` (1800 bp = 18%), rounded to the minor unit. */
export function percentOf(m: Money, basisPoints: number, rounding: Rounding): Money {
  return multiplyByRatio(m, basisPoints, BASIS_POINTS_PER_WHOLE, rounding);
}
