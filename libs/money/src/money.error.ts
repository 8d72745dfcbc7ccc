/** Why a money operation was refused. */
export type MoneyErrorCode =
  /** The currency is not an ISO 4217 code this library knows (codes are upper-case). */
  | 'MONEY.UNKNOWN_CURRENCY'
  /** An amount, quantity, ratio or basis-point value is not a safe non-negative integer, or a result would be negative. */
  | 'MONEY.INVALID_AMOUNT'
  /** Two amounts in different currencies were combined. */
  | 'MONEY.CURRENCY_MISMATCH'
  /** A result is larger than Number.MAX_SAFE_INTEGER minor units. */
  | 'MONEY.OVERFLOW';

export class MoneyError extends Error {
  constructor(
    readonly code: MoneyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MoneyError';
  }
}
