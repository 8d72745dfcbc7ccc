import { cashfreeAdapterConfigFrom } from './cashfree.config';

const credentials = { CASHFREE_APP_ID: 'cf_app_1', CASHFREE_SECRET_KEY: 'cfsk_test_1' };

describe('the Cashfree configuration', () => {
  it('leaves Cashfree disabled when neither credential is set', () => {
    expect(cashfreeAdapterConfigFrom({})).toBeNull();
  });

  it('enables Cashfree against its test environment, verifying webhooks with the secret key', () => {
    expect(cashfreeAdapterConfigFrom(credentials)).toEqual({
      appId: 'cf_app_1', secretKey: 'cfsk_test_1', webhookSecrets: ['cfsk_test_1'], baseUrl: 'https://sandbox.cashfree.com/pg',
      returnUrl: undefined, notifyUrl: undefined,
    });
  });

  it('reads the API URL, several webhook secrets while rotating, the return and notify URLs and a placeholder phone', () => {
    expect(cashfreeAdapterConfigFrom({
      ...credentials, CASHFREE_API_URL: 'http://127.0.0.1:4010/cashfree/pg/', CASHFREE_WEBHOOK_SECRET: 'cfsk_test_new, cfsk_test_1',
      CASHFREE_RETURN_URL: 'https://shop.example/return?order_id={order_id}', CASHFREE_NOTIFY_URL: 'https://api.example/webhooks/cashfree',
      CASHFREE_PLACEHOLDER_PHONE: '9000000000',
    })).toEqual({
      appId: 'cf_app_1', secretKey: 'cfsk_test_1', webhookSecrets: ['cfsk_test_new', 'cfsk_test_1'], baseUrl: 'http://127.0.0.1:4010/cashfree/pg',
      returnUrl: 'https://shop.example/return?order_id={order_id}', notifyUrl: 'https://api.example/webhooks/cashfree', placeholderPhone: '9000000000',
    });
  });

  it.each([
    [{ CASHFREE_APP_ID: 'cf_app_1' }, 'missing required configuration CASHFREE_SECRET_KEY'],
    [{ CASHFREE_SECRET_KEY: 'cfsk_test_1' }, 'missing required configuration CASHFREE_APP_ID'],
    [{ ...credentials, CASHFREE_API_URL: 'sandbox.cashfree.com' }, /CASHFREE_API_URL is not a URL/],
    [{ ...credentials, CASHFREE_API_URL: 'ftp://sandbox.cashfree.com/pg' }, /CASHFREE_API_URL must be http or https/],
    [{ ...credentials, CASHFREE_PLACEHOLDER_PHONE: '+91 99' }, /10 digits/],
  ])('stops on %p with a message naming the variable', (env, message) => {
    expect(() => cashfreeAdapterConfigFrom(env)).toThrow(message);
  });

  it('reads the mandate authorization page subscribers are sent to, keeping its placeholders, and refuses one that is not http(s)', () => {
    const page = 'https://shop.example/subscribe/cashfree?session={subscription_session_id}';
    expect(cashfreeAdapterConfigFrom({ ...credentials, CASHFREE_SUBSCRIPTION_CHECKOUT_URL: page })).toMatchObject({ subscriptionCheckoutUrl: page });
    expect(cashfreeAdapterConfigFrom(credentials)?.subscriptionCheckoutUrl).toBeUndefined();
    expect(() => cashfreeAdapterConfigFrom({ ...credentials, CASHFREE_SUBSCRIPTION_CHECKOUT_URL: 'ftp://x/{subscription_session_id}' })).toThrow(/CASHFREE_SUBSCRIPTION_CHECKOUT_URL must be http or https/);
  });
});
