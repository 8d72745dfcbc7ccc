import { parseCreateCheckoutSession } from './checkout-session.params';

const now = 1_732_300_000;
// Parameters as express's qs parser reads stripe-node's form body.
const form = {
  mode: 'payment',
  line_items: [{ quantity: '1', price_data: { currency: 'usd', unit_amount: '4999', product_data: { name: 'TypeScript 101 x 1' } } }],
  success_url: 'https://shop.example/paid?session={CHECKOUT_SESSION_ID}',
  client_reference_id: 'ord_1',
  metadata: { order_id: 'ord_1' },
  payment_intent_data: { metadata: { order_id: 'ord_1' }, description: 'TypeScript 101 x 1' },
};
const errorOf = (result: ReturnType<typeof parseCreateCheckoutSession>) => (result.ok ? undefined : result.error);

describe('Checkout Session create parameters', () => {
  it('reads the form body stripe-node sends', () => {
    expect(parseCreateCheckoutSession({ ...form, cancel_url: 'https://shop.example/cart', expires_at: String(now + 3600) }, now)).toEqual({
      ok: true,
      params: {
        currency: 'usd', lineItems: [{ name: 'TypeScript 101 x 1', unitAmount: 4999, quantity: 1 }],
        successUrl: 'https://shop.example/paid?session={CHECKOUT_SESSION_ID}', cancelUrl: 'https://shop.example/cart',
        clientReferenceId: 'ord_1', customerEmail: null, metadata: { order_id: 'ord_1' },
        paymentIntentData: { metadata: { order_id: 'ord_1' }, description: 'TypeScript 101 x 1', receiptEmail: null }, expiresAt: now + 3600,
      },
    });
  });

  it('leaves the expiry to the 24-hour default when none is given', () => {
    expect(parseCreateCheckoutSession(form, now)).toMatchObject({ ok: true, params: { expiresAt: null } });
  });

  const line = (change: Record<string, unknown>) => [{ ...form.line_items[0], ...change }];
  const price = (change: Record<string, unknown>) => line({ price_data: { ...form.line_items[0].price_data, ...change } });

  it.each([
    ['a missing mode', { mode: undefined }, 'parameter_missing', 'mode'],
    ['a setup session', { mode: 'setup' }, 'parameter_invalid_enum', 'mode'],
    ['subscription_data in payment mode', { subscription_data: { metadata: { a: 'b' } } }, 'parameter_invalid_empty', 'subscription_data'],
    ['no line items', { line_items: undefined }, 'parameter_missing', 'line_items'],
    ['a line item without quantity', { line_items: line({ quantity: undefined }) }, 'parameter_missing', 'line_items[0][quantity]'],
    ['a line item with a price id', { line_items: [{ quantity: '1', price: 'price_1' }] }, 'parameter_unknown', 'line_items[0][price]'],
    ['a fractional unit amount', { line_items: price({ unit_amount: '49.99' }) }, 'parameter_invalid_integer', 'line_items[0][price_data][unit_amount]'],
    ['an unknown currency', { line_items: price({ currency: 'xyz' }) }, undefined, 'line_items[0][price_data][currency]'],
    ['a product without a name', { line_items: price({ product_data: {} }) }, 'parameter_missing', 'line_items[0][price_data][product_data][name]'],
    ['lines in two currencies', { line_items: [...form.line_items, ...price({ currency: 'eur' })] }, 'parameter_invalid_string', 'line_items[1][price_data][currency]'],
    ['a missing success URL', { success_url: undefined }, 'parameter_missing', 'success_url'],
    ['a success URL that is not one', { success_url: 'paid' }, 'url_invalid', 'success_url'],
    ['an expiry under 30 minutes away', { expires_at: String(now + 60) }, 'parameter_invalid_integer', 'expires_at'],
    ['an expiry over 24 hours away', { expires_at: String(now + 90_000) }, 'parameter_invalid_integer', 'expires_at'],
    ['an unknown PaymentIntent parameter', { payment_intent_data: { capture_method: 'manual' } }, 'parameter_unknown', 'payment_intent_data[capture_method]'],
    ['an unknown parameter', { discounts: [] }, 'parameter_unknown', 'discounts'],
  ])('refuses %s with a Stripe-shaped 400', (_label, change, code, param) => {
    const error = errorOf(parseCreateCheckoutSession({ ...form, ...change }, now));
    expect(error?.status).toBe(400);
    expect(error?.body).toMatchObject({ error: { type: 'invalid_request_error', param } });
    expect((error?.body as { error: { code?: string } }).error.code).toBe(code);
  });
});
