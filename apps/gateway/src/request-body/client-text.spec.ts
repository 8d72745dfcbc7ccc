import { REDACTED_IDENTIFIER, forwardedIdentifier, redactedFreeText, redactedMessages } from './client-text';

describe("a client's text on its way into the system", () => {
  it('forwards product ids and coupon codes as given', () => {
    expect(forwardedIdentifier('course-typescript-101')).toBe('course-typescript-101');
    expect(forwardedIdentifier('LAUNCH20')).toBe('LAUNCH20');
    expect(forwardedIdentifier('SPRING_2026-10')).toBe('SPRING_2026-10');
  });

  it.each([
    ['a card number', '4111111111111111'],
    ['a phone number', '9876543210'],
    ['a phone number with its country code', '+919876543210'],
    ['a phone number with its country code and no +', '919876543210'],
    ['a Stripe key', 'sk_test_51Habc123'],
  ])('forwards an identifier holding %s as [REDACTED] as a whole, never longer than given', (_, text) => {
    expect(forwardedIdentifier(text)).toBe(REDACTED_IDENTIFIER);
    expect(forwardedIdentifier(`${text}-${text}`.slice(0, 64))).toBe(REDACTED_IDENTIFIER);
  });

  it('redacts personal data in free text and keeps it within its length', () => {
    expect(redactedFreeText('customer asked within 14 days', 500)).toBe('customer asked within 14 days');
    expect(redactedFreeText('card 4111 1111 1111 1111 cvc 123, asha@example.com, +91 98765 43210', 500)).toBe(
      'card [REDACTED_PAN] cvc [REDACTED_CVC], [REDACTED_EMAIL], [REDACTED_PHONE]',
    );
    expect(redactedFreeText('call 9876543210 '.repeat(40), 500)).toHaveLength(500);
  });

  it('redacts property names echoed in validation messages', () => {
    expect(redactedMessages(['property 4111111111111111 should not exist', 'quantity must not be less than 1'])).toEqual([
      'property [REDACTED_PAN] should not exist', 'quantity must not be less than 1',
    ]);
  });
});
