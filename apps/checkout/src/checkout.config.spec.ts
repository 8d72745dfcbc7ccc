import { loadCheckoutConfig } from './checkout.config';

const orderIdSecret = 'order-id-secret-for-these-tests-0123456789';
const minimal = { STRIPE_SECRET_KEY: 'sk_test_1', CHECKOUT_ORDER_ID_SECRET: orderIdSecret };

describe('the checkout configuration', () => {
  it('stops the service when the Stripe key is missing, naming it', () => {
    expect(() => loadCheckoutConfig({})).toThrow('missing required configuration STRIPE_SECRET_KEY');
  });

  it('stops the service when the order-id secret is missing or shorter than 32 bytes, naming it', () => {
    expect(() => loadCheckoutConfig({ STRIPE_SECRET_KEY: 'sk_test_1' })).toThrow('missing required configuration CHECKOUT_ORDER_ID_SECRET');
    expect(() => loadCheckoutConfig({ ...minimal, CHECKOUT_ORDER_ID_SECRET: 'short' })).toThrow('CHECKOUT_ORDER_ID_SECRET must be at least 32 bytes');
    expect(loadCheckoutConfig(minimal).orderIdSecret).toBe(orderIdSecret);
  });

  it('defaults to one consumer group, a one-second in-flight wait and the tax rules in the table', () => {
    expect(loadCheckoutConfig(minimal)).toMatchObject({
      consumerGroupId: 'checkout', inFlightWaitMs: 1000, commandConcurrency: 8, taxRules: null, routing: [{ currency: 'INR', provider: 'cashfree' }],
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
    });
  });

  it('reads the in-flight wait, the consumer group, the database and the tax rules', () => {
    const config = loadCheckoutConfig({
      ...minimal, CHECKOUT_IN_FLIGHT_WAIT_MS: '250', CHECKOUT_CONSUMER_GROUP: 'checkout-blue', CHECKOUT_COMMAND_CONCURRENCY: '0',
      DATABASE_URL: 'postgres://db.internal/payments', CHECKOUT_TAX_RULES: 'INR:1800:inclusive:GST',
    });
    expect(config).toMatchObject({
      inFlightWaitMs: 250, commandConcurrency: 0, consumerGroupId: 'checkout-blue', databaseUrl: 'postgres://db.internal/payments',
      taxRules: [{ currency: 'INR', rateBasisPoints: 1800, inclusive: true, label: 'GST' }],
    });
  });

  it.each([
    [{ CHECKOUT_IN_FLIGHT_WAIT_MS: '0' }, /CHECKOUT_IN_FLIGHT_WAIT_MS must be an integer >= 1/],
    [{ CHECKOUT_COMMAND_CONCURRENCY: '65' }, /CHECKOUT_COMMAND_CONCURRENCY must be an integer/],
    [{ CHECKOUT_TAX_RULES: 'INR:18%:exclusive:GST' }, /CHECKOUT_TAX_RULES entry "INR:18%:exclusive:GST"/],
    [{ CHECKOUT_ROUTING: 'INR:paypal' }, /CHECKOUT_ROUTING entry "INR:paypal"/],
  ])('refuses %p at start', (env, message) => {
    expect(() => loadCheckoutConfig({ ...minimal, ...env })).toThrow(message);
  });
});

describe('the subscription pages', () => {
  it('send subscribers back to the gateway by default, and to the configured pages when set', () => {
    expect(loadCheckoutConfig(minimal).subscriptionPages).toEqual({ successUrl: 'http://127.0.0.1:3000/app/subscriptions?subscription_id={SUBSCRIPTION_ID}' });
    expect(loadCheckoutConfig({
      ...minimal, CHECKOUT_SUBSCRIPTION_SUCCESS_URL: 'https://shop.example/subscribed/{SUBSCRIPTION_ID}', CHECKOUT_SUBSCRIPTION_CANCEL_URL: 'https://shop.example/plans',
    }).subscriptionPages).toEqual({ successUrl: 'https://shop.example/subscribed/{SUBSCRIPTION_ID}', cancelUrl: 'https://shop.example/plans' });
  });

  it('refuse a page that is not an http(s) URL at start', () => {
    expect(() => loadCheckoutConfig({ ...minimal, CHECKOUT_SUBSCRIPTION_SUCCESS_URL: 'shop.example/subscribed' })).toThrow('CHECKOUT_SUBSCRIPTION_SUCCESS_URL must be an http(s) URL');
    expect(() => loadCheckoutConfig({ ...minimal, CHECKOUT_SUBSCRIPTION_CANCEL_URL: 'javascript:alert(1)' })).toThrow('CHECKOUT_SUBSCRIPTION_CANCEL_URL must be an http(s) URL');
  });
});
