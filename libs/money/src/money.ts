import { currencyExponent } from './currency';
import { MoneyError } from './money.error';

/**
 * An amount in a currency's minor unit (paise, cents, fils; yen have none). `amountMinor` is always
 * a safe non-negative integer; signed amounts (ledger postings) are the ledger's own type.
 */
export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

/** Builds a Money after checking the currency is known and the amount a safe non-negative integer. */
export function money(amountMinor: number, currency: string): Money {
  currencyExponent(currency);
  assertMinorAmount(amountMinor, 'amountMinor');
  return Object.freeze({ amountMinor, currency });
}

export function zero(currency: string): Money {
  return money(0, currency);
}

export function add(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return fromBigInt(BigInt(a.amountMinor) + BigInt(b.amountMinor), a.currency);
}

/** `a - b`; refuses (MONEY.INVALID_AMOUNT) when the result would be negative. */
export function subtract(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  if (b.amountMinor > a.amountMinor) {
    throw new MoneyError(
      'MONEY.INVALID_AMOUNT',
      `Cannot subtract ${b.amountMinor} from ${a.amountMinor} ${a.currency}: the result would be negative`,
    );
  }
  return money(a.amountMinor - b.amountMinor, a.currency);
}

/** `m x quantity`, computed in bigint so an overflow is reported rather than rounded. */
export function multiply(m: Money, quantity: number): Money {
  assertNonNegativeInteger(quantity, 'quantity');
  return fromBigInt(BigInt(m.amountMinor) * BigInt(quantity), m.currency);
}

/** Negative when a < b, zero when equal, positive when a > b. */
export function compare(a: Money, b: Money): number {
  assertSameCurrency(a, b);
  return a.amountMinor - b.amountMinor;
}

export function equals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amountMinor === b.amountMinor;
}

export function minOf(a: Money, b: Money): Money {
  return compare(a, b) <= 0 ? a : b;
}

export function isZero(m: Money): boolean {
  return m.amountMinor === 0;
}

export function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new MoneyError('MONEY.CURRENCY_MISMATCH', `Cannot combine ${a.currency} with ${b.currency}`);
  }
}

/** Converts an internal bigint result back to Money, refusing values past Number.MAX_SAFE_INTEGER. */
export function fromBigInt(amountMinor: bigint, currency: string): Money {
  if (amountMinor < 0n) {
    throw new MoneyError('MONEY.INVALID_AMOUNT', `Amount ${amountMinor} ${currency} is negative`);
  }
  if (amountMinor > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new MoneyError('MONEY.OVERFLOW', `Amount ${amountMinor} ${currency} exceeds the safe integer range`);
  }
  return money(Number(amountMinor), currency);
}

export function assertNonNegativeInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new MoneyError('MONEY.INVALID_AMOUNT', `${name} must be a safe non-negative integer, got ${value}`);
  }
}

function assertMinorAmount(value: number, name: string): void {
  if (Number.isInteger(value) && value > Number.MAX_SAFE_INTEGER) {
    throw new MoneyError('MONEY.OVERFLOW', `${name} ${value} exceeds the safe integer range`);
  }
  assertNonNegativeInteger(value, name);
}
