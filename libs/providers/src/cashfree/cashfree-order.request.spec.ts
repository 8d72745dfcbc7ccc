import type { OpenCheckoutInput } from '../port/payment-provider.port';
import { ProviderError } from '../port/provider.errors';
import { assertOpenableOrder, cashfreeCustomerId, cashfreeCustomerPhone, cashfreeIdempotencyKey, createOrderBody } from './cashfree-order.request';

const input: OpenCheckoutInput = {
  orderId: '3f0c1b9e-6a2d-5c4b-9e8f-0a1b2c3d4e5f',
  amountMinor: 58882,
  currency: 'INR',
  customerId: 'user-42',
  customerEmail: 'ada@example.com',
  description: 'TypeScript 101 x 1',
  idempotencyKey: 'order-3f0c1b9e-6a2d-5c4b-9e8f-0a1b2c3d4e5f-open',
};
const settings = { placeholderPhone: '9999999999' };

function refusal(call: () => void): ProviderError {
  try {
    call();
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}

describe('the Cashfree create-order request', () => {
  it('sends our order id, the amount as an exact decimal, a Cashfree-safe customer, and our order id as a tag', () => {
    const body = createOrderBody(input, settings);
    expect(body).toContain('"order_amount":588.82,');
    expect(JSON.parse(body)).toEqual({
      order_id: input.orderId,
      order_amount: 588.82,
      order_currency: 'INR',
      customer_details: { customer_id: cashfreeCustomerId('user-42'), customer_phone: '9999999999', customer_email: 'ada@example.com' },
      order_note: 'TypeScript 101 x 1',
      order_tags: { order_id: input.orderId },
    });
  });

  it('writes whole rupees with their paise: 17000 paise as 170.00', () => {
    expect(createOrderBody({ ...input, amountMinor: 17000 }, settings)).toContain('"order_amount":170.00,');
  });

  it('sends the return and notify URLs when configured', () => {
    const body = JSON.parse(createOrderBody(input, { ...settings, returnUrl: 'https://shop.example/return?order_id={order_id}', notifyUrl: 'https://api.example/webhooks/cashfree' }));
    expect(body.order_meta).toEqual({ return_url: 'https://shop.example/return?order_id={order_id}', notify_url: 'https://api.example/webhooks/cashfree' });
  });

  it('uses the customer’s own mobile number when it has one', () => {
    expect(JSON.parse(createOrderBody({ ...input, customerPhone: '+91 98765-43210' }, settings)).customer_details.customer_phone).toBe('9876543210');
  });

  it.each([
    ['a mobile number with the country code', '+919876543210', '9876543210'],
    ['one with a trunk zero', '09876543210', '9876543210'],
    ['a landline-looking number', '0801234567', '9999999999'],
    ['nothing', undefined, '9999999999'],
  ])('reads %s as %s', (_label, phone, expected) => {
    expect(cashfreeCustomerPhone(phone, '9999999999')).toBe(expected);
  });

  it('keeps a customer id Cashfree accepts, and turns any other into a distinct alphanumeric one', () => {
    expect(cashfreeCustomerId('user42')).toBe('user42');
    const sanitized = cashfreeCustomerId('user-42');
    expect(sanitized).toMatch(/^user42[0-9a-f]{16}$/);
    expect(cashfreeCustomerId('user_42')).not.toBe(sanitized);
    expect(cashfreeCustomerId(`user-${'x'.repeat(80)}`)).toMatch(/^[A-Za-z0-9]{3,50}$/);
    expect(cashfreeCustomerId('a')).toMatch(/^a[0-9a-f]{16}$/);
  });

  it('derives the same UUID idempotency key from the same key every time, and keeps a key that is already a UUID', () => {
    const key = cashfreeIdempotencyKey(input.idempotencyKey);
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(cashfreeIdempotencyKey(input.idempotencyKey)).toBe(key);
    expect(cashfreeIdempotencyKey(`${input.idempotencyKey}-2`)).not.toBe(key);
    expect(cashfreeIdempotencyKey('47BF8872-46FE-11EE-BE56-0242AC120002')).toBe('47bf8872-46fe-11ee-be56-0242ac120002');
  });

  it.each([
    ['a currency Cashfree does not charge here', { currency: 'USD' }, /INR only/],
    ['an amount that is not whole paise', { amountMinor: 588.5 }, /minor units/],
    ['an order id Cashfree would refuse', { orderId: 'ord 1' }, /order id/],
    ['a missing idempotency key', { idempotencyKey: '' }, /idempotency key/],
  ])('refuses %s before calling Cashfree', (_label, change, message) => {
    const error = refusal(() => assertOpenableOrder({ ...input, ...change }));
    expect(error).toMatchObject({ code: 'PROVIDER.INVALID_REQUEST', retryable: false, message: expect.stringMatching(message) });
  });
});
