import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { NeutralProviderEvent, OpenSubscriptionCheckoutInput, ProviderError } from '@payments/providers';
import { eventually } from '@payments/testing';
import { TEST_SECRET_KEY } from './sandbox-harness.fixture';
import { stripeHarness } from './stripe-harness.fixture';
import { controlCall } from './stripe-sandbox-calls.fixture';

const monthly = (subscriptionId: string, change: Partial<OpenSubscriptionCheckoutInput> = {}): OpenSubscriptionCheckoutInput => ({
  subscriptionId, planId: 'plan-pro-monthly', interval: 'month', amountMinor: 2900, currency: 'USD', customerId: 'user-1', customerEmail: 'ada@example.com',
  description: 'Pro plan (monthly)', idempotencyKey: `subscription-${subscriptionId}-open`, successUrl: 'https://shop.example/subscribed', ...change,
});
const DAY = 24 * 60 * 60;

describe('Stripe Billing subscriptions through the Stripe adapter and the sandbox', () => {
  const harness = stripeHarness();
  const sdk = () => new Stripe(TEST_SECRET_KEY, { host: '127.0.0.1', port: harness.sandbox.port, protocol: 'http', telemetry: false, maxNetworkRetries: 0 });

  /** Every delivered webhook the adapter reads as a fact about `subscriptionId`, in delivery order. */
  const factsOf = (subscriptionId: string): NeutralProviderEvent[] => harness.receiver.received
    .map((webhook) => harness.adapter.parseWebhook(webhook.rawBody, webhook.headers))
    .flatMap((parsed) => ('event' in parsed && parsed.event.subscription?.subscriptionId === subscriptionId ? [parsed.event] : []));
  const fact = (subscriptionId: string, providerType: string, matches: (event: NeutralProviderEvent) => boolean = () => true) =>
    eventually(async () => factsOf(subscriptionId).find((event) => event.providerType === providerType && matches(event)), 15_000, `${providerType} of ${subscriptionId}`);

  /** Opens and pays a monthly subscription; returns the Stripe subscription and its test clock. */
  const started = async (subscriptionId: string) => {
    const opened = await harness.adapter.openSubscriptionCheckout(monthly(subscriptionId));
    const paid = await controlCall(harness.sandbox, `/_sandbox/stripe/checkout_sessions/${opened.providerReference}/pay`, {});
    expect(paid.status).toBe(200);
    const session = await sdk().checkout.sessions.retrieve(opened.providerReference);
    const subscription = await sdk().subscriptions.retrieve(session.subscription as string);
    return { opened, subscription, clock: subscription.test_clock as string };
  };

  it('opens a subscription-mode Checkout Session carrying our ids, once per idempotency key', async () => {
    const subscriptionId = randomUUID();
    const opened = await harness.adapter.openSubscriptionCheckout(monthly(subscriptionId));
    expect(opened).toMatchObject({ provider: 'stripe', status: 'open' });
    expect(opened.providerReference).toMatch(/^cs_/);
    expect(opened.redirectUrl).toEqual(expect.stringContaining(opened.providerReference));
    expect(await harness.adapter.openSubscriptionCheckout(monthly(subscriptionId))).toEqual(opened);
    const conflict = await harness.adapter.openSubscriptionCheckout(monthly(subscriptionId, { amountMinor: 3900 })).catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(ProviderError);
    expect(conflict).toMatchObject({ code: 'PROVIDER.IDEMPOTENCY_CONFLICT' });
    const session = await sdk().checkout.sessions.retrieve(opened.providerReference);
    expect(session).toMatchObject({ mode: 'subscription', client_reference_id: 'user-1', metadata: { subscription_id: subscriptionId, user_id: 'user-1', plan_id: 'plan-pro-monthly' } });
  });

  it('reads the first paid invoice as the first period of our subscription, with the service period of its line', async () => {
    const subscriptionId = randomUUID();
    const { subscription } = await started(subscriptionId);
    const paid = await fact(subscriptionId, 'invoice.paid');
    expect(paid).toMatchObject({
      kind: 'subscription.payment_succeeded', amountMinor: 2900, currency: 'USD',
      subscription: { subscriptionId, providerSubscriptionId: subscription.id, billingReason: 'create' },
    });
    const item = subscription.items.data[0];
    expect(paid.subscription).toMatchObject({
      periodStart: new Date(item.current_period_start * 1000).toISOString(), periodEnd: new Date(item.current_period_end * 1000).toISOString(),
    });
  });

  it('reads a renewal as a cycle once the test clock passes the period’s end, and a failed renewal as a failure and past due', async () => {
    const subscriptionId = randomUUID();
    const { subscription, clock } = await started(subscriptionId);
    const periodEnd = subscription.items.data[0].current_period_end;
    await sdk().testHelpers.testClocks.advance(clock, { frozen_time: periodEnd + DAY });
    expect(await fact(subscriptionId, 'invoice.paid', (event) => event.subscription?.billingReason === 'cycle')).toMatchObject({
      amountMinor: 2900, subscription: { periodStart: new Date(periodEnd * 1000).toISOString() },
    });

    const outcome = await controlCall(harness.sandbox, `/_sandbox/stripe/subscriptions/${subscription.id}/renewal-outcome`, { outcome: 'fail' });
    expect(outcome.status).toBe(200);
    const renewed = await sdk().subscriptions.retrieve(subscription.id);
    await sdk().testHelpers.testClocks.advance(clock, { frozen_time: renewed.items.data[0].current_period_end + DAY });
    expect(await fact(subscriptionId, 'invoice.payment_failed')).toMatchObject({ kind: 'subscription.payment_failed', reasonCode: expect.stringMatching(/^[a-z_]+$/) });
    expect(await fact(subscriptionId, 'customer.subscription.updated', (event) => event.subscription?.status === 'past_due')).toMatchObject({
      kind: 'subscription.status_reported', subscription: { providerSubscriptionId: subscription.id, cancelAtPeriodEnd: false },
    });
  });

  it('cancels at the period’s end (still active, reported so) and then at once (ended, reported deleted)', async () => {
    const subscriptionId = randomUUID();
    const { opened, subscription } = await started(subscriptionId);
    const atPeriodEnd = await harness.adapter.cancelSubscription({
      providerReference: opened.providerReference, subscriptionId, mode: 'at-period-end', idempotencyKey: `subscription-${subscriptionId}-cancel-at-period-end`,
    });
    expect(atPeriodEnd).toEqual({ providerSubscriptionId: subscription.id, mode: 'at-period-end', status: 'active' });
    expect(await fact(subscriptionId, 'customer.subscription.updated', (event) => event.subscription?.cancelAtPeriodEnd === true)).toMatchObject({
      subscription: { status: 'active', currentPeriodEnd: new Date(subscription.items.data[0].current_period_end * 1000).toISOString() },
    });

    const now = await harness.adapter.cancelSubscription({
      providerReference: subscription.id, subscriptionId, mode: 'immediately', idempotencyKey: `subscription-${subscriptionId}-cancel-immediately`,
    });
    expect(now).toEqual({ providerSubscriptionId: subscription.id, mode: 'immediately', status: 'canceled' });
    expect(await fact(subscriptionId, 'customer.subscription.deleted')).toMatchObject({ subscription: { status: 'ended', endReason: expect.stringMatching(/^[a-z_]+$/) } });
  });

  it('refuses to cancel a checkout the customer never completed, saying so', async () => {
    const subscriptionId = randomUUID();
    const opened = await harness.adapter.openSubscriptionCheckout(monthly(subscriptionId));
    const refused = await harness.adapter.cancelSubscription({
      providerReference: opened.providerReference, subscriptionId, mode: 'at-period-end', idempotencyKey: `subscription-${subscriptionId}-cancel-at-period-end`,
    }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'PROVIDER.INVALID_REQUEST', providerCode: 'subscription_not_started' });
  });
});
