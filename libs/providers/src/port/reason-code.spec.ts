import { isReasonCode, reasonCodeOf } from './reason-code';

describe('reason codes', () => {
  it('takes the first candidate that already is a code, lower-cased', () => {
    expect(reasonCodeOf(undefined, null, 'insufficient_funds', 'card_declined')).toBe('insufficient_funds');
    expect(reasonCodeOf('TRANSACTION_DECLINED')).toBe('transaction_declined');
    expect(reasonCodeOf(' user_dropped ')).toBe('user_dropped');
  });

  it.each([
    ['a sentence', 'Your card was declined.'],
    ['a card number', '4242424242424242'],
    ['a code carrying digits of a card', 'card_4242_declined'],
    ['an email', 'a@example.com'],
    ['a code longer than 64 characters', `declined_${'x'.repeat(60)}`],
    ['a number', 51],
  ])('never takes %s for a code', (_what, candidate) => {
    expect(reasonCodeOf(candidate)).toBeUndefined();
    expect(isReasonCode(candidate)).toBe(false);
  });
});
