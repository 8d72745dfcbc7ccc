import type { OpenCheckoutInput } from '../port/payment-provider.port';
import { ProviderError } from '../port/provider.errors';
import { assertCheckoutInput, checkoutSessionParams, paymentIntentParams } from './stripe-checkout.request';

const input: OpenCheckoutInput = {
  orderId: 'ord_1', amountMinor: 4999, currency: 'USD', customerId: 'user-1', customerEmail: 'ada@example.com',
  description: 'TypeScript 101 x 1', idempotencyKey: 'open-ord_1',
};
const hosted: OpenCheckoutInput = { ...input, mode: 'hosted_page', successUrl: 'https://shop.example/paid?session={CHECKOUT_SESSION_ID}' };

describe('Stripe checkout requests', () => {
  it('asks for a PaymentIntent in minor units with a lower-case currency and our order id as metadata', () => {
    expect(paymentIntentParams(input)).toEqual({
      amount: 4999, currency: 'usd', description: 'TypeScript 101 x 1', metadata: { order_id: 'ord_1', customer_id: 'user-1' },
      automatic_payment_methods: { enabled: true }, receipt_email: 'ada@example.com',
    });
  });

  it('asks for a Checkout Session with one line of the whole amount, our order id on the session and on its future PaymentIntent', () => {
    expect(checkoutSessionParams({ ...hosted, cancelUrl: 'https://shop.example/cart', expiresAt: new Date('2024-11-22T18:56:40.900Z') })).toEqual({
      mode: 'payment',
      line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: 4999, product_data: { name: 'TypeScript 101 x 1' } } }],
      success_url: 'https://shop.example/paid?session={CHECKOUT_SESSION_ID}',
      cancel_url: 'https://shop.example/cart',
      client_reference_id: 'ord_1',
      metadata: { order_id: 'ord_1', customer_id: 'user-1' },
      payment_intent_data: { description: 'TypeScript 101 x 1', metadata: { order_id: 'ord_1', customer_id: 'user-1' }, receipt_email: 'ada@example.com' },
      customer_email: 'ada@example.com',
      expires_at: 1_732_301_800,
    });
  });

  it('leaves out the optional session fields it was not given', () => {
    const params = checkoutSessionParams({ ...hosted, customerEmail: undefined });
    expect(params).not.toHaveProperty('cancel_url');
    expect(params).not.toHaveProperty('expires_at');
    expect(params).not.toHaveProperty('customer_email');
  });

  it.each([
    ['a fractional amount', { amountMinor: 49.99 }],
    ['a lower-case currency', { currency: 'usd' }],
    ['a missing idempotency key', { idempotencyKey: '' }],
    ['a hosted page without a success URL', { mode: 'hosted_page' as const, successUrl: undefined }],
  ])('refuses %s as an invalid request before calling Stripe', (_label, change) => {
    expect(() => assertCheckoutInput({ ...input, ...change })).toThrow(ProviderError);
    expect(() => assertCheckoutInput({ ...input, ...change })).toThrow(expect.objectContaining({ code: 'PROVIDER.INVALID_REQUEST' }));
  });
});
