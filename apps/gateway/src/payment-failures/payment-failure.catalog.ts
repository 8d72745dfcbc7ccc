/**
 * Why a payment attempt, a payment or a refund did not go as planned, as the gateway shows it: a
 * stable code and our own sentences, never a provider's words (they can hold anything, from a
 * card's last digits to a bank's internal notes). `GET /api/payment-failures/:code` serves this table.
 */
export type PaymentFailureCode =
  | 'PAYMENT.DECLINED'
  | 'PAYMENT.INSUFFICIENT_FUNDS'
  | 'PAYMENT.CARD_EXPIRED'
  | 'PAYMENT.INCORRECT_DETAILS'
  | 'PAYMENT.AUTHENTICATION_FAILED'
  | 'PAYMENT.ABANDONED'
  | 'PAYMENT.PROCESSING_ERROR'
  /** An attempt failed for a reason none of the codes above names. */
  | 'PAYMENT.FAILED'
  | 'REVIEW.AMOUNT_MISMATCH'
  | 'REVIEW.CURRENCY_MISMATCH'
  | 'REVIEW.DUPLICATE_PAYMENT'
  | 'REVIEW.PAYMENT_AFTER_CLOSE'
  | 'REVIEW.UNKNOWN_REFUND'
  /** Flagged for review for a reason none of the codes above names. */
  | 'REVIEW.REQUIRED'
  | 'REFUND.NOT_REFUNDABLE'
  | 'REFUND.EXCEEDS_REMAINDER'
  | 'REFUND.INVALID_AMOUNT'
  /** The provider refused the refund or reported it failed. */
  | 'REFUND.DECLINED';

export interface PaymentFailure {
  /** The sentence an order shows as `lastFailure`. */
  readonly message: string;
  /** What happened, for whoever looks the code up. */
  readonly meaning: string;
  /** What the payer can do about it. */
  readonly payerAction: string;
}

const UNDER_REVIEW = 'Nothing is needed from you: our team reviews the order and contacts you if anything is needed.';

export const PAYMENT_FAILURES: Readonly<Record<PaymentFailureCode, PaymentFailure>> = {
  'PAYMENT.DECLINED': {
    message: 'The bank or card issuer declined the payment.',
    meaning: 'The bank or card issuer refused the payment without giving a reason we can share (a generic decline, a limit or a restriction on the card or account).',
    payerAction: 'Pay with another card or method, or ask your bank why it declined the payment. The order stays open for another try.',
  },
  'PAYMENT.INSUFFICIENT_FUNDS': {
    message: 'The payment was declined for insufficient funds.',
    meaning: 'The card or account did not have enough available funds or credit for the amount.',
    payerAction: 'Pay with another card or account, or add funds and try again. The order stays open for another try.',
  },
  'PAYMENT.CARD_EXPIRED': {
    message: 'The card has expired.',
    meaning: 'The card used is past its expiry date.',
    payerAction: 'Pay with a card that is still valid.',
  },
  'PAYMENT.INCORRECT_DETAILS': {
    message: 'The card or account details were not accepted.',
    meaning: 'A detail given (card number, expiry date, security code, postcode, UPI id or account) did not match what the bank has.',
    payerAction: 'Check the details and try again, or pay with another card or method.',
  },
  'PAYMENT.AUTHENTICATION_FAILED': {
    message: 'The payment could not be confirmed with the bank.',
    meaning: "The bank's confirmation step (3-D Secure, a one-time password or a PIN) failed or was not completed.",
    payerAction: "Try again and complete your bank's confirmation step, or pay with another method.",
  },
  'PAYMENT.ABANDONED': {
    message: 'The payment was not finished.',
    meaning: "The payment page or the bank's app was left before the payment was confirmed.",
    payerAction: 'Start the payment again from the order. Nothing was charged for the unfinished attempt.',
  },
  'PAYMENT.PROCESSING_ERROR': {
    message: 'The payment could not be processed because of a temporary problem.',
    meaning: 'The payment provider or the bank had an error or did not answer in time.',
    payerAction: 'Wait a few minutes and try again. Nothing was charged for the failed attempt.',
  },
  'PAYMENT.FAILED': {
    message: 'The payment did not go through.',
    meaning: 'The payment provider reported that the attempt failed, for a reason not listed here.',
    payerAction: 'Try again or pay with another method; contact support if it keeps failing.',
  },
  'REVIEW.AMOUNT_MISMATCH': {
    message: 'A payment for a different amount arrived; the order is being reviewed.',
    meaning: "The provider reported a payment whose amount differs from the order's total, so the order was not marked paid.",
    payerAction: UNDER_REVIEW,
  },
  'REVIEW.CURRENCY_MISMATCH': {
    message: 'A payment in a different currency arrived; the order is being reviewed.',
    meaning: "The provider reported a payment in another currency than the order's, so the order was not marked paid.",
    payerAction: UNDER_REVIEW,
  },
  'REVIEW.DUPLICATE_PAYMENT': {
    message: 'A second payment arrived for this order; it is being reviewed.',
    meaning: 'The order was already paid when another, different payment for it arrived.',
    payerAction: 'Do not pay again. The extra payment is refunded once the review is done.',
  },
  'REVIEW.PAYMENT_AFTER_CLOSE': {
    message: 'A payment arrived after the order closed; it is being reviewed.',
    meaning: 'The payment succeeded after the order had failed or expired.',
    payerAction: UNDER_REVIEW,
  },
  'REVIEW.UNKNOWN_REFUND': {
    message: 'A refund we did not ask for was reported; the order is being reviewed.',
    meaning: 'The provider reported a refund of this order that was not requested through us.',
    payerAction: UNDER_REVIEW,
  },
  'REVIEW.REQUIRED': {
    message: 'The order is being reviewed.',
    meaning: 'Something about the payment needs a person to look at it before the order can go on.',
    payerAction: UNDER_REVIEW,
  },
  'REFUND.NOT_REFUNDABLE': {
    message: 'The refund was not made: the order cannot be refunded in its current state.',
    meaning: 'Only a paid or partly refunded order with something left to refund (pending refunds counted) can be refunded.',
    payerAction: 'Contact support if you expected a refund.',
  },
  'REFUND.EXCEEDS_REMAINDER': {
    message: 'The refund was not made: it was for more than remains to be refunded.',
    meaning: 'The amount asked for was more than the amount paid minus what was already refunded or is being refunded.',
    payerAction: 'Contact support if you expected a refund.',
  },
  'REFUND.INVALID_AMOUNT': {
    message: 'The refund was not made: its amount was not valid.',
    meaning: 'The refund asked for an amount that is not a positive whole number of minor units.',
    payerAction: 'Contact support if you expected a refund.',
  },
  'REFUND.DECLINED': {
    message: 'The refund was not made by the payment provider.',
    meaning: 'The payment provider refused the refund or reported that it failed (for instance, the card or account is closed).',
    payerAction: 'Contact support: the money can be returned another way.',
  },
};

/** The entry of `code`, or undefined when the code is not one of ours (only own keys: `constructor` is not a code). */
export function paymentFailure(code: string): PaymentFailure | undefined {
  return Object.hasOwn(PAYMENT_FAILURES, code) ? PAYMENT_FAILURES[code as PaymentFailureCode] : undefined;
}

/** What an order shows as `lastFailure` for `code`; a refund's sentence names the refund. */
export function failureSentence(code: PaymentFailureCode, refundId?: string): string {
  const { message } = PAYMENT_FAILURES[code];
  return refundId ? `Refund ${refundId}: ${message}` : message;
}
