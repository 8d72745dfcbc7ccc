import { PAYMENT_FAILURES, failureSentence, paymentFailure } from './payment-failure.catalog';
import { attemptFailureCode, refundFailureCode, reviewFailureCode } from './payment-failure.classifier';

describe('payment failure codes', () => {
  it.each([
    ['Your card was declined.', 'PAYMENT.DECLINED'],
    ['card_declined', 'PAYMENT.DECLINED'],
    ['issuer bank or payment service provider declined the transaction', 'PAYMENT.DECLINED'],
    ['Do not honor', 'PAYMENT.DECLINED'],
    ['Your card has insufficient funds.', 'PAYMENT.INSUFFICIENT_FUNDS'],
    ['insufficient_funds', 'PAYMENT.INSUFFICIENT_FUNDS'],
    ['Your card has expired.', 'PAYMENT.CARD_EXPIRED'],
    ['expired_card', 'PAYMENT.CARD_EXPIRED'],
    ["Your card's security code is incorrect.", 'PAYMENT.INCORRECT_DETAILS'],
    ['incorrect_number', 'PAYMENT.INCORRECT_DETAILS'],
    ['Invalid VPA', 'PAYMENT.INCORRECT_DETAILS'],
    ['authentication_required', 'PAYMENT.AUTHENTICATION_FAILED'],
    ['OTP verification failed', 'PAYMENT.AUTHENTICATION_FAILED'],
    ['customer left the payment unfinished: User dropped and did not complete the payment', 'PAYMENT.ABANDONED'],
    ['processing_error', 'PAYMENT.PROCESSING_ERROR'],
    ['Bank timed out', 'PAYMENT.PROCESSING_ERROR'],
    ['auth_declined', 'PAYMENT.DECLINED'],
    ['generic_decline', 'PAYMENT.DECLINED'],
    ['pickup_card', 'PAYMENT.DECLINED'],
    ['user_dropped', 'PAYMENT.ABANDONED'],
    ['payment attempt failed', 'PAYMENT.FAILED'],
    ['Card 4242 4242 4242 4242 of jane@example.com: computer says no', 'PAYMENT.FAILED'],
  ])('reads the attempt failure %p as %s', (reason, code) => {
    expect(attemptFailureCode(reason)).toBe(code);
  });

  it.each([
    ['AMOUNT_MISMATCH', 'REVIEW.AMOUNT_MISMATCH'],
    ['CURRENCY_MISMATCH', 'REVIEW.CURRENCY_MISMATCH'],
    ['DUPLICATE_PAYMENT', 'REVIEW.DUPLICATE_PAYMENT'],
    ['PAYMENT_AFTER_CLOSE', 'REVIEW.PAYMENT_AFTER_CLOSE'],
    ['UNKNOWN_REFUND', 'REVIEW.UNKNOWN_REFUND'],
    ['SOMETHING_NEW', 'REVIEW.REQUIRED'],
    ['constructor', 'REVIEW.REQUIRED'],
  ])('reads the review reason %p as %s', (reason, code) => {
    expect(reviewFailureCode(reason)).toBe(code);
  });

  it.each([
    ['ORDER.REFUND_EXCEEDS_REMAINDER: Refund 1500 exceeds the refundable 1000 USD', 'REFUND.EXCEEDS_REMAINDER'],
    ['ORDER.NOT_REFUNDABLE: Order o-1 is Pending', 'REFUND.NOT_REFUNDABLE'],
    ['ORDER.INVALID_AMOUNT: Refund amount 0 is not a positive integer', 'REFUND.INVALID_AMOUNT'],
    ['expired_or_canceled_card', 'REFUND.DECLINED'],
  ])('reads the refund failure %p as %s', (reason, code) => {
    expect(refundFailureCode(reason)).toBe(code);
  });

  it("shows our own sentence, never the provider's words, and names the refund a refund failure is about", () => {
    const code = attemptFailureCode('Card 4242 4242 4242 4242 declined for jane@example.com');
    expect(failureSentence(code)).toBe('The bank or card issuer declined the payment.');
    expect(failureSentence('REFUND.DECLINED', 'r-1')).toBe('Refund r-1: The refund was not made by the payment provider.');
  });

  it('looks up only its own codes', () => {
    expect(paymentFailure('PAYMENT.DECLINED')).toBe(PAYMENT_FAILURES['PAYMENT.DECLINED']);
    for (const unknown of ['PAYMENT.NOPE', 'constructor', '__proto__', 'toString', '']) expect(paymentFailure(unknown)).toBeUndefined();
  });

  it('has a sentence, a meaning and an action for every code', () => {
    for (const entry of Object.values(PAYMENT_FAILURES)) {
      expect([entry.message, entry.meaning, entry.payerAction].every((text) => /^[A-Z].{10,}[.]$/.test(text))).toBe(true);
    }
  });
});
