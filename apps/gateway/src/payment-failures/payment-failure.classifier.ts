import { PaymentFailureCode } from './payment-failure.catalog';

/**
 * Turns the free text that comes with a failure (a provider's decline message or code, order-ledger's
 * review reason or refund refusal) into one of our codes. The text itself is never kept: only the
 * code, and the sentences of our own table, reach the read model and the API.
 */
type Rule = readonly [PaymentFailureCode, RegExp];

/** First match wins: the more specific reasons come before the plain decline. */
const ATTEMPT_RULES: readonly Rule[] = [
  ['PAYMENT.ABANDONED', /user dropped|left the payment unfinished|abandon|cancell?ed by (the )?(user|customer)|did not complete/],
  ['PAYMENT.INSUFFICIENT_FUNDS', /insufficient|not enough (funds|balance)|low balance|credit limit/],
  ['PAYMENT.CARD_EXPIRED', /expired card|card (has )?expired|card is expired/],
  ['PAYMENT.INCORRECT_DETAILS', /incorrect|invalid (card|number|cvc|cvv|expiry|account|vpa|upi)|security code|\bcvc\b|\bcvv\b|postal code|zip code/],
  ['PAYMENT.AUTHENTICATION_FAILED', /authenticat|3-?d ?secure|\b3ds\b|\botp\b|\bpin\b/],
  ['PAYMENT.PROCESSING_ERROR', /processing error|timed? ?out|timeout|unavailable|try again later|technical|server error|network/],
  ['PAYMENT.DECLINED', /declin|do not honou?r|not permitted|restricted|fraud|stolen|lost card|blocked|pick ?up card|reject|refused/],
];

const REVIEW_CODES: Readonly<Record<string, PaymentFailureCode>> = {
  amount_mismatch: 'REVIEW.AMOUNT_MISMATCH',
  currency_mismatch: 'REVIEW.CURRENCY_MISMATCH',
  duplicate_payment: 'REVIEW.DUPLICATE_PAYMENT',
  payment_after_close: 'REVIEW.PAYMENT_AFTER_CLOSE',
  unknown_refund: 'REVIEW.UNKNOWN_REFUND',
};

/** order-ledger's refusals start with its error code (`ORDER.REFUND_EXCEEDS_REMAINDER: ...`). */
const REFUND_REFUSALS: readonly Rule[] = [
  ['REFUND.NOT_REFUNDABLE', /^order\.not_refundable\b/],
  ['REFUND.EXCEEDS_REMAINDER', /^order\.refund_exceeds_remainder\b/],
  ['REFUND.INVALID_AMOUNT', /^order\.invalid_amount\b/],
];

/** Lower case, `snake_case` provider codes (`expired_card`) read as words. */
function normalized(reason: string): string {
  return reason.toLowerCase().replace(/_/g, ' ');
}

function firstMatch(rules: readonly Rule[], text: string): PaymentFailureCode | undefined {
  return rules.find(([, pattern]) => pattern.test(text))?.[0];
}

/** A failed payment attempt (OrderPaymentAttemptFailed): Stripe's and Cashfree's words alike. */
export function attemptFailureCode(reason: string): PaymentFailureCode {
  return firstMatch(ATTEMPT_RULES, normalized(reason)) ?? 'PAYMENT.FAILED';
}

/** Why an order was flagged for review (OrderFlaggedForReview). */
export function reviewFailureCode(reason: string): PaymentFailureCode {
  const key = reason.trim().toLowerCase();
  return Object.hasOwn(REVIEW_CODES, key) ? REVIEW_CODES[key] : 'REVIEW.REQUIRED';
}

/** Why a refund was not made (OrderRefundFailed): order-ledger's refusal, or else the provider's. */
export function refundFailureCode(reason: string): PaymentFailureCode {
  return firstMatch(REFUND_REFUSALS, reason.trim().toLowerCase()) ?? 'REFUND.DECLINED';
}
