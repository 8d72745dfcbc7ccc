import { checkoutRequestHash } from './checkout-request-hash';

describe('the checkout request hash', () => {
  it('keeps the canonical form checkout already stores (a changed hash would refuse retries after a deploy)', () => {
    expect(checkoutRequestHash({ productId: 'course-typescript-101' })).toBe('9afc96c18056197b9479e5edd28d72c58104d4e5abe8285ea16c567025644700');
  });

  it('hashes a request the same whether defaults are spelled out or left out, whatever the property order', () => {
    const implicit = checkoutRequestHash({ productId: 'course-typescript-101' });
    expect(checkoutRequestHash({ quantity: 1, productId: 'course-typescript-101' })).toBe(implicit);
  });

  it.each([
    ['the product', { productId: 'plan-pro-monthly' }],
    ['the quantity', { quantity: 2 }],
    ['the currency', { currency: 'INR' }],
    ['the coupon', { couponCode: 'LAUNCH20' }],
    ['the provider preference', { provider: 'cashfree' as const }],
  ])('tells requests apart by %s', (_, change) => {
    const base = { productId: 'course-typescript-101', quantity: 1, currency: 'USD' };
    expect(checkoutRequestHash({ ...base, ...change })).not.toBe(checkoutRequestHash(base));
  });
});
