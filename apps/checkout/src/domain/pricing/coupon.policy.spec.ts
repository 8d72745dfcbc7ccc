import { isCouponCodeShaped } from './coupon.policy';

describe('the shape of a coupon code', () => {
  it.each(['LAUNCH20', 'FLAT100INR', 'a', 'summer_2024-eu', 'C'.repeat(64)])('accepts %p', (code) => {
    expect(isCouponCodeShaped(code)).toBe(true);
  });

  it.each([
    ['an empty code', ''],
    ['a code over 64 characters', 'C'.repeat(65)],
    ['a NUL byte', 'LAUNCH\u000020'],
    ['spaces', '4242 4242 4242 4242'],
    ['quotes and markup', '"><script>'],
    ['letters outside ASCII', 'ÉTÉ2024'],
    ['a leading dash', '-LAUNCH20'],
  ])('refuses %s', (_, code) => {
    expect(isCouponCodeShaped(code)).toBe(false);
  });
});
