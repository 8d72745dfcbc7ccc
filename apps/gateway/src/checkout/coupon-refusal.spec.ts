import { isCouponRefusal } from './coupon-refusal';

const refusal = (statusCode: number, code: string) => ({ statusCode, body: JSON.stringify({ error: { code, message: 'm' } }) });

describe('a coupon refusal in checkout\'s reply', () => {
  it.each([
    [refusal(404, 'PRICING.COUPON_NOT_FOUND')],
    [refusal(422, 'PRICING.COUPON_EXPIRED')],
    [refusal(422, 'PRICING.COUPON_EXHAUSTED')],
    [refusal(422, 'PRICING.COUPON_CURRENCY_MISMATCH')],
    [refusal(422, 'PRICING.INVALID_COUPON')],
  ])('counts %p as a failed coupon lookup', (reply) => {
    expect(isCouponRefusal(reply)).toBe(true);
  });

  it.each([
    ['an opened checkout', { statusCode: 201, body: '{"orderId":"o","breakdown":{"couponCode":"LAUNCH20"}}' }],
    ['an unknown product', refusal(404, 'CATALOG.PRODUCT_NOT_FOUND')],
    ['a currency not offered', refusal(422, 'PRICING.CURRENCY_NOT_OFFERED')],
    ['a declined payment', refusal(402, 'PROVIDER.DECLINED')],
    ['a body that is not JSON', { statusCode: 404, body: 'not json' }],
  ])('does not count %s', (_, reply) => {
    expect(isCouponRefusal(reply)).toBe(false);
  });
});
