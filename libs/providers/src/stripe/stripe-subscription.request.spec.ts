import type Stripe from 'stripe';
import { ProviderError } from '../port/provider.errors';
import type { OpenSubscriptionCheckoutInput } from '../port/subscription.port';
import {
  assertSubscriptionCheckoutInput, assertSubscriptionReference, subscriptionCheckoutSessionParams, subscriptionOfSession, toCancelResult,
} from './stripe-subscription.request';

const input: OpenSubscriptionCheckoutInput = {
  subscriptionId: '5b0e6c8a-3f7d-4a1e-9c2b-7d8e9f0a1b2c', planId: 'plan-pro-monthly', interval: 'month', amountMinor: 2900, currency: 'USD',
  customerId: 'user-1', customerEmail: 'ada@example.com', description: 'Pro plan (monthly)', idempotencyKey: 'subscription-5b0e6c8a-open',
  successUrl: 'https://shop.example/subscribed?session={CHECKOUT_SESSION_ID}', cancelUrl: 'https://shop.example/plans',
};
const ours = { subscription_id: input.subscriptionId, user_id: 'user-1', plan_id: 'plan-pro-monthly' };

describe('Stripe subscription checkout requests', () => {
  it('asks for a Checkout Session in subscription mode with one recurring line, our ids on the session and on the Subscription it creates', () => {
    expect(subscriptionCheckoutSessionParams(input)).toEqual({
      mode: 'subscription',
      line_items: [{
        quantity: 1,
        price_data: { currency: 'usd', unit_amount: 2900, recurring: { interval: 'month' }, product_data: { name: 'Pro plan (monthly)', metadata: { plan_id: 'plan-pro-monthly' } } },
      }],
      success_url: input.successUrl,
      cancel_url: 'https://shop.example/plans',
      client_reference_id: 'user-1',
      metadata: ours,
      subscription_data: { description: 'Pro plan (monthly)', metadata: ours },
      customer_email: 'ada@example.com',
    });
  });

  it('renews a yearly plan every year and leaves out what it was not given', () => {
    const params = subscriptionCheckoutSessionParams({ ...input, interval: 'year', amountMinor: 29900, cancelUrl: undefined, customerEmail: undefined });
    expect(params.line_items?.[0].price_data).toMatchObject({ unit_amount: 29900, recurring: { interval: 'year' } });
    expect(params).not.toHaveProperty('cancel_url');
    expect(params).not.toHaveProperty('customer_email');
  });

  it.each<[string, Partial<OpenSubscriptionCheckoutInput>, RegExp]>([
    ['a fractional amount', { amountMinor: 29.99 }, /safe non-negative integer/],
    ['a free period', { amountMinor: 0 }, /must cost something/],
    ['a lower-case currency', { currency: 'usd' }, /ISO 4217/],
    ['a weekly interval', { interval: 'week' as never }, /month or year/],
    ['no subscription id', { subscriptionId: '' }, /subscription id is required/],
    ['no idempotency key', { idempotencyKey: '' }, /idempotency key/],
    ['no success page', { successUrl: undefined }, /successUrl/],
  ])('refuses %s before calling Stripe', (_label, change, message) => {
    const refused = () => assertSubscriptionCheckoutInput({ ...input, ...change });
    expect(refused).toThrow(ProviderError);
    expect(refused).toThrow(message);
  });
});

describe('Stripe subscription cancels', () => {
  const session = (subscription: Stripe.Checkout.Session['subscription']) => ({ id: 'cs_1', subscription }) as Stripe.Checkout.Session;

  it('finds the Subscription a completed Checkout Session created, expanded or not', () => {
    expect(subscriptionOfSession(session('sub_1'))).toBe('sub_1');
    expect(subscriptionOfSession(session({ id: 'sub_2' } as Stripe.Subscription))).toBe('sub_2');
  });

  it('says a session never completed has no subscription to cancel, with a code of its own', () => {
    expect(() => subscriptionOfSession(session(null))).toThrow(expect.objectContaining({ code: 'PROVIDER.INVALID_REQUEST', providerCode: 'subscription_not_started' }));
  });

  it('accepts only Checkout Session and Subscription ids', () => {
    expect(() => assertSubscriptionReference('cs_test_a1')).not.toThrow();
    expect(() => assertSubscriptionReference('sub_1')).not.toThrow();
    for (const reference of ['pi_1', 'sub_../../v1/charges', '']) expect(() => assertSubscriptionReference(reference)).toThrow(ProviderError);
  });

  it('reports a subscription still running as ending at period end, and a canceled one as ended now', () => {
    expect(toCancelResult({ id: 'sub_1', status: 'active', cancel_at_period_end: true } as Stripe.Subscription)).toEqual({
      providerSubscriptionId: 'sub_1', mode: 'at-period-end', status: 'active',
    });
    expect(toCancelResult({ id: 'sub_1', status: 'canceled', cancel_at_period_end: false } as Stripe.Subscription)).toEqual({
      providerSubscriptionId: 'sub_1', mode: 'immediately', status: 'canceled',
    });
  });
});
