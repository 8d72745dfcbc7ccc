import { randomUUID } from 'node:crypto';
import { CashfreeAdapter, NeutralProviderEvent, OpenSubscriptionCheckoutInput } from '@payments/providers';
import { eventually } from '@payments/testing';
import { cashfreeAdapterFor } from './cashfree-harness.fixture';
import { RunningSandbox, WebhookReceiver, startTestSandbox, startWebhookReceiver } from './sandbox-harness.fixture';
import { controlCall, getJson } from './stripe-sandbox-calls.fixture';

const monthly = (subscriptionId: string, change: Partial<OpenSubscriptionCheckoutInput> = {}): OpenSubscriptionCheckoutInput => ({
  subscriptionId, planId: 'plan-pro-monthly', interval: 'month', amountMinor: 94282, currency: 'INR', customerId: 'user-42', customerEmail: 'asha@example.in',
  description: 'Pro plan (monthly)', idempotencyKey: `subscription-${subscriptionId}-open`, successUrl: 'https://shop.example/subscribed', ...change,
});

interface SubscriptionJson { subscription_id: string; subscription_status: string; plan_details: { plan_id: string }; subscription_tags: Record<string, string> | null }

describe('Cashfree subscriptions through the Cashfree adapter and the sandbox', () => {
  let sandbox: RunningSandbox;
  let receiver: WebhookReceiver;
  let adapter: CashfreeAdapter;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    sandbox = await startTestSandbox({ cashfreeWebhookUrl: receiver.url });
    adapter = cashfreeAdapterFor(sandbox, { subscriptionCheckoutUrl: `${sandbox.url}/pay/cashfree/subscriptions/{subscription_session_id}` });
  });

  afterAll(async () => {
    await sandbox?.stop();
    await receiver?.stop();
  });

  const control = (subscriptionId: string, action: string, body: unknown = {}) => controlCall(sandbox, `/_sandbox/cashfree/subscriptions/${subscriptionId}/${action}`, body);
  const subscriptionAt = async (subscriptionId: string) =>
    (await getJson<{ data: SubscriptionJson[] }>(sandbox, '/_sandbox/cashfree/subscriptions')).body.data.find((entity) => entity.subscription_id === subscriptionId);
  /** Every delivered webhook the adapter reads as a fact about `subscriptionId`, in delivery order. */
  const factsOf = (subscriptionId: string): NeutralProviderEvent[] => receiver.received
    .map((webhook) => adapter.parseWebhook(webhook.rawBody, webhook.headers as Record<string, string>))
    .flatMap((parsed) => ('event' in parsed && parsed.event.subscription?.subscriptionId === subscriptionId ? [parsed.event] : []));
  const facts = (subscriptionId: string, count: number) =>
    eventually(async () => (factsOf(subscriptionId).length >= count ? factsOf(subscriptionId) : undefined), 15_000, `${count} facts of ${subscriptionId}`);

  it('creates the plan once and the subscription under our id, returning its session and authorization page', async () => {
    const subscriptionId = randomUUID();
    const opened = await adapter.openSubscriptionCheckout(monthly(subscriptionId));
    expect(opened).toMatchObject({ provider: 'cashfree', providerReference: subscriptionId, status: 'INITIALIZED' });
    expect(opened.subscriptionSessionId).toEqual(expect.any(String));
    expect(opened.redirectUrl).toBe(`${sandbox.url}/pay/cashfree/subscriptions/${encodeURIComponent(opened.subscriptionSessionId as string)}`);
    expect((await fetch(opened.redirectUrl as string)).status).toBe(200);
    expect(await subscriptionAt(subscriptionId)).toMatchObject({
      subscription_status: 'INITIALIZED', plan_details: { plan_id: 'plan-pro-monthly_INR_94282_MONTH' }, subscription_tags: { subscription_id: subscriptionId, user_id: 'user-42' },
    });

    // A second subscription on the same plan and price finds the plan there already.
    const another = randomUUID();
    expect(await adapter.openSubscriptionCheckout(monthly(another))).toMatchObject({ providerReference: another, status: 'INITIALIZED' });
    // The same request again replays the same subscription.
    expect(await adapter.openSubscriptionCheckout(monthly(subscriptionId))).toMatchObject({ providerReference: subscriptionId, subscriptionSessionId: opened.subscriptionSessionId });
  });

  it('reads the mandate going active, each charge paid or failed, and the cancel, as facts about our subscription', async () => {
    const subscriptionId = randomUUID();
    await adapter.openSubscriptionCheckout(monthly(subscriptionId));
    expect((await control(subscriptionId, 'approve', { paymentMethod: 'upi' })).status).toBe(200);
    const started = await facts(subscriptionId, 2);
    expect(started).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'subscription.status_reported', subscription: expect.objectContaining({ status: 'active' }) }),
      expect.objectContaining({ kind: 'subscription.payment_succeeded', amountMinor: 94282, currency: 'INR', subscription: expect.objectContaining({ billingReason: 'cycle' }) }),
    ]));

    expect((await control(subscriptionId, 'renewal-outcome', { outcome: 'failure', failureReason: 'INSUFFICIENT_FUNDS' })).status).toBe(200);
    expect((await control(subscriptionId, 'advance')).status).toBe(200);
    await eventually(async () => factsOf(subscriptionId).find((event) => event.kind === 'subscription.payment_failed'), 15_000, 'the failed charge');
    expect(factsOf(subscriptionId).find((event) => event.kind === 'subscription.payment_failed')).toMatchObject({ reasonCode: 'insufficient_funds' });

    const cancelled = await adapter.cancelSubscription({ providerReference: subscriptionId, subscriptionId, mode: 'at-period-end', idempotencyKey: `subscription-${subscriptionId}-cancel-at-period-end` });
    expect(cancelled).toEqual({ providerSubscriptionId: subscriptionId, mode: 'immediately', status: 'CANCELLED' });
    const ended = await eventually(
      async () => factsOf(subscriptionId).find((event) => event.subscription?.status === 'ended'), 15_000, 'the subscription ended',
    );
    expect(ended.subscription).toMatchObject({ endReason: 'cancelled', cancelAtPeriodEnd: false });
  });
});
