import { ProviderError } from './provider.errors';

/**
 * Refuses an amount that is not a safe, non-negative integer number of minor units (cents, paise),
 * before it reaches a provider: a float such as 19.99 or a value beyond 2^53 never leaves our side.
 */
export function assertMinorUnits(amountMinor: number, field = 'amountMinor'): number {
  if (typeof amountMinor !== 'number' || !Number.isSafeInteger(amountMinor) || amountMinor < 0) {
    throw new ProviderError(
      'PROVIDER.INVALID_REQUEST',
      `${field} must be a safe non-negative integer number of minor units, got ${String(amountMinor)}`,
    );
  }
  return amountMinor;
}
