import { createHmac, randomUUID } from 'node:crypto';
import { eventually } from '@payments/testing';
import { cashfreeApi, cashfreeControl } from './cashfree-harness.fixture';
import { ReceivedWebhook, RunningSandbox, TEST_CASHFREE_SECRET_KEY, WebhookReceiver, startTestSandbox, startWebhookReceiver } from './sandbox-harness.fixture';

interface SubscriptionJson {
  subscription_id: string;
  cf_subscription_id: string;
  subscription_session_id: string;
  subscription_status: string;
  next_schedule_date: string | null;
  authorisation_details: { authorization_status: string; authorization_reference: string | null; payment_group: string | null };
}
interface WebhookData {
  subscription_id?: string;
  subscription_details?: { subscription_id: string; subscription_status: string; next_schedule_date: string | null };
  payment_type?: string;
  payment_status?: string;
  payment_schedule_date?: string;
  failure_details?: { failure_reason: string } | null;
}

const newId = () => `sub-${randomUUID().slice(0, 8)}`;
const subscriptionOf = (webhook: ReceivedWebhook) => {
  const data = (webhook.json as unknown as { data: WebhookData }).data;
  return data.subscription_id ?? data.subscription_details?.subscription_id;
};
const dataOf = (webhook: ReceivedWebhook) => (webhook.json as unknown as { data: WebhookData }).data;

describe('Cashfree subscriptions in the sandbox over plain HTTP: plan, mandate, charges, a failed charge, recovery, cancellation', () => {
  let receiver: WebhookReceiver;
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    sandbox = await startTestSandbox({ cashfreeWebhookUrl: receiver.url });
  });

  afterAll(async () => {
    await sandbox?.stop();
    await receiver?.stop();
  });

  /** The `index`-th delivery of `type` for the subscription, checked against Cashfree's signature scheme over its raw bytes. */
  const delivered = (subscriptionId: string, type: string, index = 0): Promise<ReceivedWebhook> =>
    eventually(async () => {
      const webhook = receiver.received.filter((candidate) => candidate.json.type === type && subscriptionOf(candidate) === subscriptionId)[index];
      if (!webhook) return undefined;
      const expected = createHmac('sha256', TEST_CASHFREE_SECRET_KEY).update(`${String(webhook.headers['x-webhook-timestamp'])}${webhook.rawBody.toString('utf8')}`).digest('base64');
      expect(webhook.headers['x-webhook-signature']).toBe(expected);
      expect(webhook.headers['x-webhook-version']).toBe('2023-08-01');
      return webhook;
    }, 15_000, `${type} #${index + 1} of ${subscriptionId}`);
  const sentTypes = async (subscriptionId: string) =>
    ((await (await fetch(`${sandbox.url}/_sandbox/cashfree/events?subscription_id=${subscriptionId}`)).json()) as { data: { type: string }[] }).data.map((webhook) => webhook.type);

  const createSubscription = async (subscriptionId: string, planId: string) => {
    const body = {
      subscription_id: subscriptionId, customer_details: { customer_name: 'Ada', customer_email: 'ada@example.com', customer_phone: '9999999999' },
      plan_details: { plan_id: planId }, authorization_details: { authorization_amount: 1, payment_methods: ['upi', 'enach', 'card'] },
      subscription_meta: { return_url: 'https://shop.example/subscribed' }, subscription_tags: { subscription_id: subscriptionId },
    };
    const key = randomUUID();
    const created = await cashfreeApi<SubscriptionJson>(sandbox, 'POST', '/subscriptions', body, { 'x-idempotency-key': key });
    const replay = await cashfreeApi(sandbox, 'POST', '/subscriptions', body, { 'x-idempotency-key': key });
    expect(replay.raw).toBe(created.raw);
    return created;
  };
  const createPlan = async (planId: string) => {
    const plan = await cashfreeApi(sandbox, 'POST', '/plans', {
      plan_id: planId, plan_name: 'Pro monthly', plan_type: 'PERIODIC', plan_currency: 'INR', plan_recurring_amount: 499, plan_max_amount: 999,
      plan_intervals: 1, plan_interval_type: 'MONTH',
    });
    expect(plan.status).toBe(200);
    return plan;
  };

  it('runs a monthly plan from mandate approval through two renewals, a failed charge (ON_HOLD) and its recovery, to CANCELLED', async () => {
    const planId = `plan-${randomUUID().slice(0, 8)}`;
    const plan = await createPlan(planId);
    expect(plan.raw).toContain('"plan_recurring_amount":499.00');
    expect((await cashfreeApi(sandbox, 'GET', `/plans/${planId}`)).body).toMatchObject({ plan_id: planId, plan_status: 'ACTIVE', plan_interval_type: 'MONTH' });

    const subscriptionId = newId();
    const created = await createSubscription(subscriptionId, planId);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ subscription_id: subscriptionId, subscription_status: 'INITIALIZED', authorisation_details: { authorization_status: 'INITIALIZED' } });
    expect(created.raw).not.toContain('"authorization_details"');
    const page = await (await fetch(`${sandbox.url}/pay/cashfree/subscriptions/${created.body.subscription_session_id}`)).text();
    for (const text of ['data-action="approve"', 'data-action="decline"', 'UPI Autopay', 'eNACH', 'Card']) expect(page).toContain(text);

    const refused = await cashfreeControl(sandbox, `/subscriptions/${subscriptionId}/decline`, { paymentMethod: 'enach' });
    expect(refused.body).toMatchObject({ subscription: { subscription_status: 'INITIALIZED' }, payment: { payment_type: 'AUTH', payment_status: 'FAILED' } });
    expect(dataOf(await delivered(subscriptionId, 'SUBSCRIPTION_AUTH_STATUS'))).toMatchObject({
      payment_type: 'AUTH', payment_status: 'FAILED', failure_details: { failure_reason: 'MANDATE_REJECTED_BY_CUSTOMER' },
    });

    const approved = await cashfreeControl(sandbox, `/subscriptions/${subscriptionId}/approve`, { paymentMethod: 'upi' });
    expect(approved.status).toBe(200);
    const authorized = await delivered(subscriptionId, 'SUBSCRIPTION_AUTH_STATUS', 1);
    expect(dataOf(authorized)).toMatchObject({ payment_type: 'AUTH', payment_status: 'SUCCESS', subscription_id: subscriptionId });
    const active = dataOf(await delivered(subscriptionId, 'SUBSCRIPTION_STATUS_CHANGED'));
    expect(active.subscription_details).toMatchObject({ subscription_status: 'ACTIVE' });
    const firstCharge = await delivered(subscriptionId, 'SUBSCRIPTION_PAYMENT_SUCCESS');
    expect(firstCharge.rawBody.toString()).toContain('"payment_amount":499.00');
    expect(JSON.parse(firstCharge.rawBody.toString())).toMatchObject({
      type: 'SUBSCRIPTION_PAYMENT_SUCCESS',
      data: {
        payment_type: 'CHARGE', payment_status: 'SUCCESS', subscription_id: subscriptionId, cf_subscription_id: created.body.cf_subscription_id,
        payment_id: expect.any(String), cf_payment_id: expect.stringMatching(/^\d+$/), retry_attempts: 0,
        authorization_details: { authorization_status: 'ACTIVE', payment_group: 'upi', authorization_reference: expect.stringMatching(/^UMN/) },
      },
    });

    let previous = (await cashfreeApi<SubscriptionJson>(sandbox, 'GET', `/subscriptions/${subscriptionId}`)).body.next_schedule_date as string;
    for (const renewal of [1, 2]) {
      const advanced = await cashfreeControl(sandbox, `/subscriptions/${subscriptionId}/advance`);
      expect(advanced.body).toMatchObject({ payment: { payment_status: 'SUCCESS', payment_schedule_date: previous }, subscription: { subscription_status: 'ACTIVE' } });
      expect(dataOf(await delivered(subscriptionId, 'SUBSCRIPTION_PAYMENT_SUCCESS', renewal)).payment_schedule_date).toBe(previous);
      const next = (advanced.body.subscription as SubscriptionJson).next_schedule_date as string;
      expect(Date.parse(next)).toBeGreaterThan(Date.parse(previous) + 27 * 86_400_000);
      previous = next;
    }

    await cashfreeControl(sandbox, `/subscriptions/${subscriptionId}/renewal-outcome`, { outcome: 'failure', failureReason: 'INSUFFICIENT_FUNDS' });
    await cashfreeControl(sandbox, `/subscriptions/${subscriptionId}/advance`);
    expect(dataOf(await delivered(subscriptionId, 'SUBSCRIPTION_PAYMENT_FAILED'))).toMatchObject({
      payment_type: 'CHARGE', payment_status: 'FAILED', failure_details: { failure_reason: 'INSUFFICIENT_FUNDS' }, payment_schedule_date: previous,
    });
    expect(dataOf(await delivered(subscriptionId, 'SUBSCRIPTION_STATUS_CHANGED', 1)).subscription_details).toMatchObject({ subscription_status: 'ON_HOLD' });

    await cashfreeControl(sandbox, `/subscriptions/${subscriptionId}/renewal-outcome`, { outcome: 'success' });
    await cashfreeControl(sandbox, `/subscriptions/${subscriptionId}/advance`);
    expect(dataOf(await delivered(subscriptionId, 'SUBSCRIPTION_PAYMENT_SUCCESS', 3))).toMatchObject({ payment_schedule_date: previous, retry_attempts: 1 });
    expect(dataOf(await delivered(subscriptionId, 'SUBSCRIPTION_STATUS_CHANGED', 2)).subscription_details).toMatchObject({ subscription_status: 'ACTIVE' });

    const canceled = await cashfreeApi<SubscriptionJson>(sandbox, 'POST', `/subscriptions/${subscriptionId}/manage`, { subscription_id: subscriptionId, action: 'CANCEL' });
    expect(canceled.body.subscription_status).toBe('CANCELLED');
    expect(dataOf(await delivered(subscriptionId, 'SUBSCRIPTION_STATUS_CHANGED', 3)).subscription_details).toMatchObject({ subscription_status: 'CANCELLED' });
    expect(await cashfreeControl(sandbox, `/subscriptions/${subscriptionId}/advance`)).toMatchObject({ status: 400, body: { code: 'action_not_allowed' } });

    const payments = await cashfreeApi<{ payment_type: string; payment_status: string }[]>(sandbox, 'GET', `/subscriptions/${subscriptionId}/payments`);
    expect(payments.body.map((made) => `${made.payment_type}:${made.payment_status}`)).toEqual([
      'AUTH:FAILED', 'AUTH:SUCCESS', 'CHARGE:SUCCESS', 'CHARGE:SUCCESS', 'CHARGE:SUCCESS', 'CHARGE:FAILED', 'CHARGE:SUCCESS',
    ]);
    expect(await sentTypes(subscriptionId)).toEqual([
      'SUBSCRIPTION_AUTH_STATUS', 'SUBSCRIPTION_AUTH_STATUS', 'SUBSCRIPTION_STATUS_CHANGED', 'SUBSCRIPTION_PAYMENT_SUCCESS',
      'SUBSCRIPTION_PAYMENT_SUCCESS', 'SUBSCRIPTION_PAYMENT_SUCCESS', 'SUBSCRIPTION_PAYMENT_FAILED', 'SUBSCRIPTION_STATUS_CHANGED',
      'SUBSCRIPTION_PAYMENT_SUCCESS', 'SUBSCRIPTION_STATUS_CHANGED', 'SUBSCRIPTION_STATUS_CHANGED',
    ]);
  });

  it('pauses and activates through manage, refuses what Cashfree refuses, and delivers a reordered charge webhook after its status change', async () => {
    const planId = `plan-${randomUUID().slice(0, 8)}`;
    await createPlan(planId);
    const subscriptionId = newId();
    await createSubscription(subscriptionId, planId);
    expect(await cashfreeApi(sandbox, 'POST', '/subscriptions', { subscription_id: subscriptionId, customer_details: { customer_email: 'a@b.in', customer_phone: '9999999999' }, plan_details: { plan_id: planId } }))
      .toMatchObject({ status: 409, body: { code: 'subscription_already_exists' } });
    expect(await cashfreeApi(sandbox, 'GET', '/subscriptions/sub-missing')).toMatchObject({ status: 404, body: { code: 'subscription_not_found' } });
    expect(await cashfreeApi(sandbox, 'POST', `/subscriptions/${subscriptionId}/manage`, { action: 'PAUSE' })).toMatchObject({ status: 400, body: { code: 'action_not_allowed' } });

    await cashfreeControl(sandbox, `/subscriptions/${subscriptionId}/approve`, { paymentMethod: 'card' });
    expect((await cashfreeApi<SubscriptionJson>(sandbox, 'POST', `/subscriptions/${subscriptionId}/manage`, { action: 'PAUSE' })).body.subscription_status).toBe('PAUSED');
    expect(await cashfreeControl(sandbox, `/subscriptions/${subscriptionId}/advance`)).toMatchObject({ status: 400 });
    expect((await cashfreeApi<SubscriptionJson>(sandbox, 'POST', `/subscriptions/${subscriptionId}/manage`, { action: 'ACTIVATE' })).body.subscription_status).toBe('ACTIVE');

    await cashfreeControl(sandbox, `/subscriptions/${subscriptionId}/renewal-outcome`, { outcome: 'failure' });
    await cashfreeControl(sandbox, `/subscriptions/${subscriptionId}/advance`);
    await cashfreeControl(sandbox, `/subscriptions/${subscriptionId}/renewal-outcome`, { outcome: 'success', faults: { reorder: true, reorderHoldMs: 300 } });
    await cashfreeControl(sandbox, `/subscriptions/${subscriptionId}/advance`);
    const success = await delivered(subscriptionId, 'SUBSCRIPTION_PAYMENT_SUCCESS', 1);
    const reactivated = await delivered(subscriptionId, 'SUBSCRIPTION_STATUS_CHANGED', 4);
    expect(dataOf(reactivated).subscription_details?.subscription_status).toBe('ACTIVE');
    expect(receiver.received.indexOf(success)).toBeGreaterThan(receiver.received.indexOf(reactivated));
  });
});
