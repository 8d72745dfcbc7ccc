import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { SubscriptionCheckoutOpenedV1, Topics } from '@payments/contracts';
import { uniqueName } from '@payments/testing';
import { CheckoutHarness } from '../checkout-replica.fixture';
import { SubscriptionBody, subscriptionCancelRequested, subscriptionCheckoutRequested } from './subscription-messages.fixture';

process.env.LOG_LEVEL ??= 'error';
const SANDBOX_PORT = 19620;
const MONTHLY_USD: SubscriptionBody = { planId: 'plan-pro-monthly', currency: 'USD' };

interface Opened {
  subscriptionId: string; status: string; provider: string; planId: string; interval: string; amountMinor: number; currency: string;
  breakdown: { subtotalMinor: number; taxMinor: number; totalMinor: number; taxLabel: string | null };
  redirectUrl: string | null; providerReference: string; subscriptionSessionId: string | null;
}
interface SubscriptionRow { status: string; provider: string; provider_reference: string | null; total_minor: string; failure_code: string | null; cancel_mode: string | null }

describe('checkout opens and cancels plan subscriptions at the provider, answering on checkout.replies', () => {
  const run = uniqueName('subscriptions');
  const replyTo = `test-${run}`;
  const userId = `user-${run}`;
  const refusedUser = `user-${run}-refused`;
  const subscriptions = new Set<string>();
  let harness: CheckoutHarness;
  let stripe: Stripe;

  beforeAll(async () => {
    harness = await CheckoutHarness.start({
      name: 'checkout_subscriptions', sandboxPort: SANDBOX_PORT, topics: [Topics.checkoutCommands, Topics.checkoutReplies, Topics.checkoutEvents], tailed: [Topics.checkoutReplies],
    });
    const owns = (subscriptionId: string) => subscriptions.has(subscriptionId);
    await harness.startReplica({
      consumerGroupId: `checkout_${run}`, ownsUser: (user) => user === userId, ownsOrder: owns,
      overrides: { CASHFREE_SUBSCRIPTION_CHECKOUT_URL: `${harness.sandbox.url}/pay/cashfree/subscriptions/{subscription_session_id}` },
    });
    // A replica whose Stripe key the sandbox refuses: every Stripe call fails with an authentication error.
    await harness.startReplica({ consumerGroupId: `checkout_${run}_refused`, ownsUser: (user) => user === refusedUser, overrides: { STRIPE_SECRET_KEY: 'sk_test_not_the_sandbox_key' } });
    const api = new URL(harness.sandbox.url);
    stripe = new Stripe(harness.sandbox.secrets.STRIPE_SECRET_KEY, { host: api.hostname, port: Number(api.port), protocol: 'http', telemetry: false });
  });

  afterAll(() => harness?.close());

  const open = async (body: SubscriptionBody, key = randomUUID(), user = userId) => {
    const reply = await harness.ask(subscriptionCheckoutRequested(user, key, body, replyTo));
    const answer = { statusCode: reply.statusCode, body: JSON.parse(reply.body) };
    if (answer.statusCode === 201) subscriptions.add((answer.body as Opened).subscriptionId);
    return answer as { statusCode: number; body: Opened & { error?: { code: string } } };
  };
  const cancel = async (subscriptionId: string, mode: 'at-period-end' | 'immediately') => {
    subscriptions.add(subscriptionId);
    const reply = await harness.ask(subscriptionCancelRequested(subscriptionId, mode, replyTo));
    return { statusCode: reply.statusCode, body: JSON.parse(reply.body) };
  };
  const rowOf = async (subscriptionId: string): Promise<SubscriptionRow | undefined> =>
    (await harness.probe.pool.query<SubscriptionRow>(
      `SELECT status, provider, provider_reference, total_minor, failure_code, cancel_mode FROM checkout.subscriptions WHERE subscription_id = $1`, [subscriptionId],
    )).rows[0];
  const paySession = (sessionId: string) =>
    fetch(`${harness.sandbox.url}/_sandbox/stripe/checkout_sessions/${sessionId}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

  it('prices a monthly plan from the catalog, opens a Stripe Checkout Session in subscription mode, and publishes SubscriptionCheckoutOpened', async () => {
    const answer = await open(MONTHLY_USD);

    expect(answer.statusCode).toBe(201);
    const opened = answer.body;
    expect(opened).toMatchObject({
      status: 'incomplete', provider: 'stripe', planId: 'plan-pro-monthly', interval: 'month', amountMinor: 2900, currency: 'USD',
      breakdown: { subtotalMinor: 2900, taxMinor: 0, totalMinor: 2900, taxLabel: null },
    });
    expect(opened.providerReference).toMatch(/^cs_/);
    expect(opened.redirectUrl).toEqual(expect.stringContaining(opened.providerReference));
    const session = await stripe.checkout.sessions.retrieve(opened.providerReference);
    expect(session).toMatchObject({ mode: 'subscription', client_reference_id: userId, metadata: { subscription_id: opened.subscriptionId, user_id: userId } });
    expect(await rowOf(opened.subscriptionId)).toMatchObject({ status: 'open', provider: 'stripe', provider_reference: opened.providerReference, total_minor: '2900' });
    const [event] = await harness.probe.outboxFor(opened.subscriptionId, 'SubscriptionCheckoutOpened');
    expect(event.topic).toBe(Topics.checkoutEvents);
    expect(event.payload.payload as unknown as SubscriptionCheckoutOpenedV1).toEqual({
      subscriptionId: opened.subscriptionId, userId, planId: 'plan-pro-monthly', interval: 'month', amountMinor: 2900, currency: 'USD',
      breakdown: { subtotalMinor: 2900, discountMinor: 0, taxMinor: 0, totalMinor: 2900 }, provider: 'stripe', providerReference: opened.providerReference,
    });
  });

  it('replays the same answer for the same key and body, opening one session, and refuses the key with another plan', async () => {
    const key = randomUUID();
    const first = await open(MONTHLY_USD, key);
    const again = await open(MONTHLY_USD, key);
    const reused = await open({ planId: 'plan-pro-yearly', currency: 'USD' }, key);

    expect(again).toEqual(first);
    expect(reused).toMatchObject({ statusCode: 422, body: { error: { code: 'IDEMPOTENCY.KEY_REUSED' } } });
    expect(await harness.probe.outboxFor(first.body.subscriptionId, 'SubscriptionCheckoutOpened')).toHaveLength(1);
  });

  it('taxes an INR plan as a one-time order is (GST on top) and bills the yearly plan every year', async () => {
    const answer = await open({ planId: 'plan-pro-yearly', currency: 'INR', providerPreference: 'stripe' });
    expect(answer).toMatchObject({
      statusCode: 201,
      body: { provider: 'stripe', interval: 'year', amountMinor: 943882, breakdown: { subtotalMinor: 799900, taxMinor: 143982, totalMinor: 943882, taxLabel: 'GST 18%' } },
    });
    expect((await paySession(answer.body.providerReference)).status).toBe(200);
    const session = await stripe.checkout.sessions.retrieve(answer.body.providerReference);
    const [item] = (await stripe.subscriptions.retrieve(session.subscription as string)).items.data;
    expect(item.price).toMatchObject({ unit_amount: 943882, currency: 'inr', recurring: { interval: 'year' } });
  });

  it('routes an INR plan to Cashfree: a subscription under our id on a plan of that price, with its mandate authorization page', async () => {
    const answer = await open({ planId: 'plan-pro-monthly', currency: 'INR' });
    expect(answer).toMatchObject({
      statusCode: 201, body: { provider: 'cashfree', interval: 'month', amountMinor: 94282, breakdown: { taxMinor: 14382, taxLabel: 'GST 18%' }, status: 'incomplete' },
    });
    const { subscriptionId, providerReference, redirectUrl } = answer.body;
    expect(providerReference).toBe(subscriptionId);
    expect(redirectUrl).toMatch(new RegExp(`^${harness.sandbox.url}/pay/cashfree/subscriptions/.+`));
    expect(answer.body).toMatchObject({ subscriptionSessionId: expect.any(String) });
    expect(await rowOf(subscriptionId)).toMatchObject({ status: 'open', provider: 'cashfree', provider_reference: subscriptionId, total_minor: '94282' });
  });

  it.each<[string, SubscriptionBody, number, string]>([
    ['a course, which does not renew', { planId: 'course-typescript-101', currency: 'USD' }, 422, 'PRICING.NOT_A_PLAN'],
    ['a plan not in the catalog', { planId: 'plan-gold', currency: 'USD' }, 404, 'CATALOG.PRODUCT_NOT_FOUND'],
    ['a currency the plan is not sold in', { planId: 'plan-pro-monthly', currency: 'EUR' }, 422, 'PRICING.CURRENCY_NOT_OFFERED'],
  ])('refuses %s and keeps the key free for a corrected request', async (_label, body, statusCode, code) => {
    const key = randomUUID();
    expect(await open(body, key)).toMatchObject({ statusCode, body: { error: { code } } });
    expect((await open(MONTHLY_USD, key)).statusCode).toBe(201);
  });

  it('answers a provider refusal with its code, records the subscription as failed to open, and replays that answer', async () => {
    const key = randomUUID();
    const refused = await open(MONTHLY_USD, key, refusedUser);
    expect(refused).toMatchObject({ statusCode: 502, body: { error: { code: 'PROVIDER.AUTHENTICATION' } } });
    expect(await open(MONTHLY_USD, key, refusedUser)).toEqual(refused);
    const [row] = (await harness.probe.pool.query<SubscriptionRow>(`SELECT status, failure_code FROM checkout.subscriptions WHERE user_id = $1`, [refusedUser])).rows;
    expect(row).toEqual({ status: 'failed_to_open', failure_code: 'PROVIDER.AUTHENTICATION' });
  });

  describe('cancelling', () => {
    it('answers 404 for a subscription checkout never opened, and 409 for one the customer never completed', async () => {
      expect(await cancel(randomUUID(), 'at-period-end')).toMatchObject({ statusCode: 404, body: { error: { code: 'SUBSCRIPTION.NOT_FOUND' } } });
      const opened = await open(MONTHLY_USD);
      expect(await cancel(opened.body.subscriptionId, 'at-period-end')).toMatchObject({ statusCode: 409, body: { error: { code: 'SUBSCRIPTION.NOT_STARTED' } } });
      expect((await rowOf(opened.body.subscriptionId))?.cancel_mode).toBeNull();
    });

    it('cancels a started Stripe subscription at its period’s end, and then at once, answering 202 with the mode', async () => {
      const opened = (await open(MONTHLY_USD)).body;
      expect((await paySession(opened.providerReference)).status).toBe(200);
      const session = await stripe.checkout.sessions.retrieve(opened.providerReference);
      const stripeSubscription = session.subscription as string;
      expect(stripeSubscription).toMatch(/^sub_/);

      const atPeriodEnd = await cancel(opened.subscriptionId, 'at-period-end');
      expect(atPeriodEnd).toEqual({
        statusCode: 202, body: { subscriptionId: opened.subscriptionId, provider: 'stripe', requestedMode: 'at-period-end', mode: 'at-period-end', providerStatus: 'active' },
      });
      expect(await stripe.subscriptions.retrieve(stripeSubscription)).toMatchObject({ status: 'active', cancel_at_period_end: true });
      expect((await rowOf(opened.subscriptionId))?.cancel_mode).toBe('at-period-end');

      const immediately = await cancel(opened.subscriptionId, 'immediately');
      expect(immediately).toMatchObject({ statusCode: 202, body: { requestedMode: 'immediately', mode: 'immediately', providerStatus: 'canceled' } });
      expect(await stripe.subscriptions.retrieve(stripeSubscription)).toMatchObject({ status: 'canceled' });
      expect((await rowOf(opened.subscriptionId))?.cancel_mode).toBe('immediately');
    });

    it('cancels a Cashfree subscription at once whatever was asked, as Cashfree has no cancel at period end', async () => {
      const opened = (await open({ planId: 'plan-pro-monthly', currency: 'INR' })).body;
      const approved = await fetch(`${harness.sandbox.url}/_sandbox/cashfree/subscriptions/${opened.subscriptionId}/approve`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ paymentMethod: 'enach' }),
      });
      expect(approved.status).toBe(200);
      expect(await cancel(opened.subscriptionId, 'at-period-end')).toEqual({
        statusCode: 202, body: { subscriptionId: opened.subscriptionId, provider: 'cashfree', requestedMode: 'at-period-end', mode: 'immediately', providerStatus: 'CANCELLED' },
      });
      expect((await rowOf(opened.subscriptionId))?.cancel_mode).toBe('immediately');
    });

    it('answers 409 for a subscription the provider refused to open', async () => {
      const key = randomUUID();
      await open(MONTHLY_USD, key, refusedUser);
      const [row] = (await harness.probe.pool.query<{ subscription_id: string }>(`SELECT subscription_id FROM checkout.subscriptions WHERE user_id = $1`, [refusedUser])).rows;
      expect(await cancel(row.subscription_id, 'immediately')).toMatchObject({ statusCode: 409, body: { error: { code: 'SUBSCRIPTION.NOT_STARTED' } } });
    });
  });
});
