import { redactDeep, redactText } from './redaction';

describe('redaction', () => {
  it.each([
    ['card number 4242 4242 4242 4242 here', 'card number [REDACTED_PAN] here'],
    ['pan 4000056655665556', 'pan [REDACTED_PAN]'],
    ['dashed 5555-5555-5555-4444', 'dashed [REDACTED_PAN]'],
    ['pay to rahul.k@okhdfcbank now', 'pay to [REDACTED_VPA] now'],
    ['mail asha@example.co.in', 'mail [REDACTED_EMAIL]'],
    ['call +91 98765 43210', 'call [REDACTED_PHONE]'],
    ['call 9876543210', 'call [REDACTED_PHONE]'],
    ['key sk_test_51Habc123 and whsec_abcDEF', 'key [REDACTED_KEY] and [REDACTED_SECRET]'],
  ])('redacts %p', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('keeps order ids, amounts and provider ids readable', () => {
    const text = 'order 7f1d2c9e-9a1b-4c1e-8e5f-0a1b2c3d4e5f paid 49900 INR via pi_3Nabc cf_payment 123456';
    expect(redactText(text)).toBe(text);
  });

  it('replaces the values of secret-named keys and redacts nested strings', () => {
    const redacted = redactDeep({
      headers: { authorization: 'Bearer abc', 'stripe-signature': 't=1,v1=ff' },
      customer: { email: 'a@b.com', phone: '+91 98765 43210' },
      payment_method: { upi_id: 'someone@ybl', card: { number: '4242424242424242' } },
      amount: 49900,
    });
    expect(redacted).toEqual({
      headers: { authorization: '[REDACTED]', 'stripe-signature': '[REDACTED]' },
      customer: { email: '[REDACTED_EMAIL]', phone: '[REDACTED_PHONE]' },
      payment_method: { upi_id: '[REDACTED]', card: '[REDACTED]' },
      amount: 49900,
    });
  });
});
