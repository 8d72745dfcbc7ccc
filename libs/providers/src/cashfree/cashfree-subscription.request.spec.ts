import { ProviderError } from '../port/provider.errors';
import type { OpenSubscriptionCheckoutInput } from '../port/subscription.port';
import {
  assertOpenableSubscription, assertSubscriptionReference, cancelSubscriptionBody, cashfreePlanId, createPlanBody, createSubscriptionBody, isAlreadyExists,
  subscriptionCheckoutUrl,
} from './cashfree-subscription.request';

const subscriptionId = '5b0e6c8a-3f7d-4a1e-9c2b-7d8e9f0a1b2c';
const input: OpenSubscriptionCheckoutInput = {
  subscriptionId, planId: 'plan-pro-monthly', interval: 'month', amountMinor: 94282, currency: 'INR', customerId: 'user-1',
  customerEmail: 'asha@example.in', customerPhone: '+91 98765-43210', description: 'Pro plan (monthly)', idempotencyKey: `subscription-${subscriptionId}-open`,
  successUrl: 'https://shop.example/subscribed',
};
const settings = { placeholderPhone: '9999999999', placeholderEmail: 'customer@example.com' };

describe('Cashfree subscription requests', () => {
  it('derives one plan id per plan, currency, price and interval', () => {
    expect(cashfreePlanId(input)).toBe('plan-pro-monthly_INR_94282_MONTH');
    expect(cashfreePlanId({ ...input, interval: 'year', amountMinor: 943882, planId: 'plan-pro-yearly' })).toBe('plan-pro-yearly_INR_943882_YEAR');
    expect(cashfreePlanId({ ...input, amountMinor: 94283 })).not.toBe(cashfreePlanId(input));
  });

  it('keeps long plan ids within 40 characters, still telling different plans apart', () => {
    const long = cashfreePlanId({ ...input, planId: 'plan-enterprise-with-a-very-long-name-a' });
    const other = cashfreePlanId({ ...input, planId: 'plan-enterprise-with-a-very-long-name-b' });
    expect(long).toHaveLength(40);
    expect(long).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(long).not.toBe(other);
  });

  it('creates a PERIODIC plan charging exactly the period’s price, as a decimal Cashfree reads', () => {
    expect(JSON.parse(createPlanBody(input))).toEqual({
      plan_id: 'plan-pro-monthly_INR_94282_MONTH', plan_name: 'Pro plan (monthly)', plan_type: 'PERIODIC', plan_currency: 'INR',
      plan_recurring_amount: 942.82, plan_max_amount: 942.82, plan_intervals: 1, plan_interval_type: 'MONTH', plan_note: 'plan-pro-monthly',
    });
    expect(createPlanBody({ ...input, amountMinor: 80000 })).toContain('"plan_recurring_amount":800.00');
  });

  it('creates the subscription under our id, on that plan, authorizable by UPI, eNACH or card, coming back to our page', () => {
    expect(JSON.parse(createSubscriptionBody(input, settings))).toEqual({
      subscription_id: subscriptionId,
      customer_details: { customer_email: 'asha@example.in', customer_phone: '9876543210' },
      plan_details: { plan_id: 'plan-pro-monthly_INR_94282_MONTH' },
      authorization_details: { authorization_amount: 1, authorization_amount_refund: true, payment_methods: ['upi', 'enach', 'card'] },
      subscription_meta: { return_url: 'https://shop.example/subscribed' },
      subscription_tags: { subscription_id: subscriptionId, user_id: 'user-1', plan_id: 'plan-pro-monthly' },
    });
  });

  it('sends the placeholders for a customer without email or phone, and the configured return page when none is given', () => {
    const body = JSON.parse(createSubscriptionBody({ ...input, customerEmail: undefined, customerPhone: undefined, successUrl: undefined }, {
      ...settings, returnUrl: 'https://shop.example/return',
    }));
    expect(body).toMatchObject({ customer_details: { customer_email: 'customer@example.com', customer_phone: '9999999999' }, subscription_meta: { return_url: 'https://shop.example/return' } });
    expect(JSON.parse(createSubscriptionBody({ ...input, successUrl: undefined }, settings))).not.toHaveProperty('subscription_meta');
  });

  it.each<[string, Partial<OpenSubscriptionCheckoutInput>, RegExp]>([
    ['a currency Cashfree does not charge here', { currency: 'USD' }, /INR only/],
    ['a fractional amount', { amountMinor: 942.5 }, /safe non-negative integer/],
    ['a free period', { amountMinor: 0 }, /must cost something/],
    ['a weekly interval', { interval: 'week' as never }, /month or year/],
    ['a subscription id with a slash', { subscriptionId: 'sub/../orders' }, /subscription id/],
    ['no idempotency key', { idempotencyKey: '' }, /idempotency key/],
  ])('refuses %s before calling Cashfree', (_label, change, message) => {
    const refused = () => assertOpenableSubscription({ ...input, ...change });
    expect(refused).toThrow(ProviderError);
    expect(refused).toThrow(message);
  });

  it('cancels with the manage action CANCEL, and addresses only subscription ids', () => {
    expect(JSON.parse(cancelSubscriptionBody(subscriptionId))).toEqual({ subscription_id: subscriptionId, action: 'CANCEL' });
    expect(() => assertSubscriptionReference(subscriptionId)).not.toThrow();
    expect(() => assertSubscriptionReference('../plans')).toThrow(ProviderError);
  });

  it('fills the configured authorization page with the session and subscription, and gives none without a template', () => {
    expect(subscriptionCheckoutUrl('http://127.0.0.1:4010/pay/cashfree/subscriptions/{subscription_id}?session={subscription_session_id}', subscriptionId, 'sub_session_a+b'))
      .toBe(`http://127.0.0.1:4010/pay/cashfree/subscriptions/${subscriptionId}?session=sub_session_a%2Bb`);
    expect(subscriptionCheckoutUrl(undefined, subscriptionId, 'sub_session_1')).toBeUndefined();
    expect(subscriptionCheckoutUrl('https://x/{subscription_session_id}', subscriptionId, undefined)).toBeUndefined();
  });

  it('counts a conflict or an already-exists answer as our earlier create, and nothing else', () => {
    expect(isAlreadyExists(new ProviderError('PROVIDER.IDEMPOTENCY_CONFLICT', 'exists', { providerCode: 'http_409' }))).toBe(true);
    expect(isAlreadyExists(new ProviderError('PROVIDER.INVALID_REQUEST', 'exists', { providerCode: 'plan_already_exists' }))).toBe(true);
    expect(isAlreadyExists(new ProviderError('PROVIDER.INVALID_REQUEST', 'bad', { providerCode: 'plan_amount_invalid' }))).toBe(false);
    expect(isAlreadyExists(new Error('PROVIDER.IDEMPOTENCY_CONFLICT'))).toBe(false);
  });
});
