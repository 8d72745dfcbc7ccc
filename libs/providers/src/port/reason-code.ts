/**
 * Why a payment or refund failed, as a stable code that is safe to publish and to show:
 * `insufficient_funds`, `auth_declined`, `user_dropped`. Providers also send sentences
 * ("Your card ending 4242 was declined"), which may quote the customer's own data; those never
 * become codes.
 */
const REASON_CODE = /^[a-z][a-z0-9_]{0,63}$/;
/** A run of four digits is the start of a card number, a phone number or an OTP, never part of a code. */
const DIGIT_RUN = /\d{4}/;

/** True for a lower-case snake_case code of at most 64 characters without a run of four digits. */
export function isReasonCode(value: unknown): value is string {
  return typeof value === 'string' && REASON_CODE.test(value) && !DIGIT_RUN.test(value);
}

/** The first candidate that already is a code (`TRANSACTION_DECLINED` reads as `transaction_declined`); free text never qualifies. */
export function reasonCodeOf(...candidates: unknown[]): string | undefined {
  for (const candidate of candidates) {
    const code = typeof candidate === 'string' ? candidate.trim().toLowerCase() : undefined;
    if (isReasonCode(code)) return code;
  }
  return undefined;
}
