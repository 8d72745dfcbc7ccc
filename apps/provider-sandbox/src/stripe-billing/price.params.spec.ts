import { parseCreatePrice } from './price.params';
import { parseSubscriptionCheckout } from './subscription-checkout.params';
import { newPrice } from './price';

// Parameters as express's qs parser reads stripe-node's form body.
const form = { currency: 'usd', unit_amount: '1900', recurring: { interval: 'month' }, product_data: { name: 'Pro monthly' }, lookup_key: 'plan-pro-monthly' };
const errorOf = (result: ReturnType<typeof parseCreatePrice>) => (result.ok ? undefined : (result.error.body as { error: { code: string; param: string } }).error);

describe('price and subscription-mode Checkout parameters', () => {
  it('reads a recurring price with a product to create, every month by default', () => {
    expect(parseCreatePrice(form)).toEqual({
      ok: true,
      params: {
        currency: 'usd', unitAmount: 1900, recurrence: { interval: 'month', intervalCount: 1 },
        product: { data: { name: 'Pro monthly', description: null, metadata: {} } }, lookupKey: 'plan-pro-monthly', nickname: null, metadata: {}, active: true,
      },
    });
  });

  it.each([
    ['a weekly interval', { recurring: { interval: 'week' } }, 'parameter_invalid_enum', 'recurring[interval]'],
    ['more than three years', { recurring: { interval: 'year', interval_count: '4' } }, 'parameter_invalid_integer', 'recurring[interval_count]'],
    ['no product', { product_data: undefined }, 'parameter_missing', 'product'],
    ['both product and product_data', { product: 'prod_1' }, 'parameter_invalid_empty', 'product_data'],
    ['an unnamed product', { product_data: {} }, 'parameter_missing', 'product_data[name]'],
    ['an unknown parameter', { tiers: [] }, 'parameter_unknown', 'tiers'],
  ])('refuses %s', (_, change, code, param) => {
    expect(errorOf(parseCreatePrice({ ...form, ...change }))).toMatchObject({ code, param });
  });

  const price = newPrice('price_1', { ...(parseCreatePrice(form) as { params: Parameters<typeof newPrice>[1] }).params }, 'prod_1', 1);
  const findPrice = (id: string) => (id === 'price_1' ? price : undefined);

  it('bills a recurring price id in subscription mode, and builds the line from price_data otherwise', () => {
    expect(parseSubscriptionCheckout({ line_items: [{ price: 'price_1', quantity: '1' }], subscription_data: { metadata: { subscription_id: 's1' } } }, findPrice))
      .toMatchObject({ currency: 'usd', lineItems: [{ unitAmount: 1900, quantity: 1, recurring: { interval: 'month' } }], subscriptionData: { metadata: { subscription_id: 's1' } }, request: { priceId: 'price_1' } });
    const inline = { line_items: [{ quantity: '2', price_data: { currency: 'inr', unit_amount: '49900', recurring: { interval: 'year' }, product_data: { name: 'Pro yearly' } } }] };
    expect(parseSubscriptionCheckout(inline, findPrice)).toMatchObject({ currency: 'inr', lineItems: [{ name: 'Pro yearly', quantity: 2 }], request: { priceData: { active: false } } });
  });

  it.each([
    ['an unknown price', { line_items: [{ price: 'price_x', quantity: '1' }] }, 404, 'line_items[0][price]'],
    ['two lines', { line_items: [{ price: 'price_1', quantity: '1' }, { price: 'price_1', quantity: '1' }] }, 400, 'line_items'],
    ['price_data without recurring', { line_items: [{ quantity: '1', price_data: { currency: 'usd', unit_amount: '100', product_data: { name: 'x' } } }] }, 400, 'line_items[0][price_data][recurring]'],
    ['payment_intent_data', { line_items: [{ price: 'price_1', quantity: '1' }], payment_intent_data: {} }, 400, 'payment_intent_data'],
  ])('refuses a subscription-mode session with %s', (_, params, status, param) => {
    expect(parseSubscriptionCheckout(params, findPrice)).toMatchObject({ status, body: { error: { param } } });
  });
});
