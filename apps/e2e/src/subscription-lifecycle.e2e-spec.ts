import { randomUUID } from 'node:crypto';
import { Envelope, Topics } from '@payments/contracts';
import { DEV_SECRETS, eventually } from '@payments/testing';
import { E2E_URLS, E2eSystem, bearerFor, startE2eSystem, topicRecorder, waitUntilSettled } from './e2e-system';

interface OpenedSubscription {
  subscriptionId: string;
  provider: string;
  status: string;
  amountMinor: number;
  currency: string;
  redirectUrl: string | null;
  subscriptionSessionId: string | null;
  providerReference: string;
}

interface SubscriptionView {
  subscriptionId: string;
  status: string;
  periodsPaid: number;
  paidThrough: string | null;
  cancelAtPeriodEnd: boolean;
}

interface EntitlementView {
  entitlementId: string;
  productId: string;
  status: string;
  validUntil: string | null;
  subscriptionId: string | null;
}

const gateway = E2E_URLS.gateway;
const sandbox = E2E_URLS.sandbox;
const DAY = 86_400;

async function call<T>(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${gateway}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function sandboxCall<T>(method: string, path: string, body?: Record<string, unknown>, form = false): Promise<T> {
  const response = await fetch(`${sandbox}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${DEV_SECRETS.STRIPE_SECRET_KEY}`,
      'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
    },
    ...(body === undefined ? {} : { body: form ? new URLSearchParams(Object.entries(body).map(([k, v]): [string, string] => [k, String(v)])).toString() : JSON.stringify(body) }),
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

type Recorder = Awaited<ReturnType<typeof topicRecorder>>;

/** Delivery faults for every webhook in the impatient tests: each event twice, the copies racing, held back behind the next one. */
const HOSTILE_DELIVERY = { duplicate: 2, concurrentDuplicates: true, reorder: true, reorderHoldMs: 2000 };

/** The user's one plan entitlement is valid for the paid periods and the grace after them (3 days, the default and the Stripe system's setting). */
async function expectAccessMatchesPaidPeriods(token: string, subscriptionId: string, periods: number): Promise<void> {
  const view = (await call<SubscriptionView>(token, 'GET', `/api/subscriptions/${subscriptionId}`)).body;
  expect(view).toMatchObject({ status: 'active', periodsPaid: periods });
  const entitlements = (await call<{ entitlements: EntitlementView[] }>(token, 'GET', '/api/entitlements')).body.entitlements;
  expect(entitlements).toHaveLength(1);
  expect(entitlements[0]).toMatchObject({ status: 'active', subscriptionId });
  expect(new Date(entitlements[0].validUntil as string).getTime()).toBe(new Date(view.paidThrough as string).getTime() + 3 * DAY * 1000);
}

/** Each period invoiced once and the subscription's journals balance. */
async function expectBooks(e2e: E2eSystem, subscriptionId: string, periods: number): Promise<void> {
  const invoices = await e2e.db.query(`SELECT count(*)::int AS n FROM order_ledger.invoices WHERE subscription_id = $1`, [subscriptionId]);
  expect(invoices.rows[0].n).toBe(periods);
  const books = await e2e.db.query(`SELECT sum(amount_minor)::int AS total FROM order_ledger.ledger_postings WHERE order_id = $1`, [subscriptionId]);
  expect(books.rows[0].total).toBe(0);
}

/**
 * Once every subscriber's periods are all paid and the system has settled: one grant each and no
 * revocation, each period paid once on subscriptions.events, access matching the paid periods, the books balanced.
 */
async function expectEveryPeriodPaidOnce(
  e2e: E2eSystem, recorder: Recorder, subscribers: { userId: string; token: string; subscriptionId: string }[], periods: number,
): Promise<void> {
  for (const { token, subscriptionId } of subscribers) {
    await eventually(async () => ((await call<SubscriptionView>(token, 'GET', `/api/subscriptions/${subscriptionId}`)).body.periodsPaid === periods ? true : undefined), 90_000, 'every period paid');
  }
  await waitUntilSettled(e2e, recorder);
  for (const { userId, token, subscriptionId } of subscribers) {
    const about = (topic: string): Envelope[] => recorder.on(topic).filter((m) => (m.payload as { userId?: string }).userId === userId);
    expect(about(Topics.entitlementGranted)).toHaveLength(1);
    expect(about(Topics.entitlementRevoked)).toHaveLength(0);
    const paid = recorder.on(Topics.subscriptionsEvents).filter((m) => m.type === 'SubscriptionPeriodPaid' && (m.payload as { subscriptionId: string }).subscriptionId === subscriptionId);
    expect(paid).toHaveLength(periods);
    await expectAccessMatchesPaidPeriods(token, subscriptionId, periods);
    await expectBooks(e2e, subscriptionId, periods);
  }
}

interface SandboxSubscription { id: string; test_clock: string; metadata: Record<string, string>; items: { data: { current_period_end: number }[] } }

/** The sandbox's Stripe subscription behind one of ours. */
async function subscriptionAtStripe(subscriptionId: string): Promise<SandboxSubscription> {
  const list = await sandboxCall<{ data: SandboxSubscription[] }>('GET', '/_sandbox/stripe/subscriptions');
  const found = list.data.find((s) => s.metadata.subscription_id === subscriptionId);
  if (!found) throw new Error('the sandbox has no subscription for us');
  return found;
}

/** Moves the subscription's test clock an hour past the current period's end: the renewal happens. */
async function advancePastPeriodEnd(subscriptionId: string): Promise<void> {
  const current = await subscriptionAtStripe(subscriptionId);
  await sandboxCall('POST', `/v1/test_helpers/test_clocks/${current.test_clock}/advance`, { frozen_time: current.items.data[0].current_period_end + 3600 }, true);
}

/** A Cashfree subscription control in the sandbox: approve, advance, renewal-outcome. */
const cashfreeControl = (subscriptionId: string, action: string, body: Record<string, unknown> = {}) =>
  sandboxCall('POST', `/_sandbox/cashfree/subscriptions/${subscriptionId}/${action}`, body);

describe('a Stripe subscription, end to end: renewals, a failed renewal, recovery, cancel at period end', () => {
  let e2e: E2eSystem;
  let recorder: Awaited<ReturnType<typeof topicRecorder>>;

  beforeAll(async () => {
    e2e = await startE2eSystem({ ENTITLEMENTS_GRACE_PERIOD_MS: String(3 * DAY * 1000) });
    recorder = await topicRecorder([Topics.entitlementGranted, Topics.entitlementChanged, Topics.entitlementRevoked, Topics.subscriptionsEvents]);
  });

  afterAll(async () => {
    await recorder?.stop();
    await e2e?.stop();
  });

  it('grants on the first payment, extends on each renewal, and revokes when the subscription ends', async () => {
    const userId = `user-${randomUUID()}`;
    const token = await bearerFor(userId);
    const about = (topic: string): Envelope[] => recorder.on(topic).filter((m) => (m.payload as { userId?: string }).userId === userId);

    const opened = await call<OpenedSubscription>(token, 'POST', '/api/subscriptions/checkout', { planId: 'plan-pro-monthly', currency: 'USD' });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ provider: 'stripe', status: 'incomplete', currency: 'USD' });
    const { subscriptionId, providerReference: sessionId } = opened.body;
    expect(opened.body.redirectUrl).toMatch(/^http/);

    // Paid the moment checkout answered, as a buyer does.
    await sandboxCall('POST', `/_sandbox/stripe/checkout_sessions/${sessionId}/pay`, {});
    await eventually(async () => (about(Topics.entitlementGranted).length > 0 ? true : undefined), 60_000, 'entitlement-granted');
    const [grant] = about(Topics.entitlementGranted);
    expect(grant.payload).toMatchObject({ productId: 'plan-pro-monthly', kind: 'plan', subscriptionId, orderId: subscriptionId });

    const view = async () => (await call<SubscriptionView>(token, 'GET', `/api/subscriptions/${subscriptionId}`)).body;
    const periodsPaid = () => recorder.on(Topics.subscriptionsEvents).filter((m) => m.type === 'SubscriptionPeriodPaid' && (m.payload as { subscriptionId: string }).subscriptionId === subscriptionId).length;

    // Two renewals.
    for (const expected of [2, 3]) {
      await advancePastPeriodEnd(subscriptionId);
      await eventually(async () => (periodsPaid() === expected ? true : undefined), 60_000, `period ${expected} paid`);
    }
    await eventually(async () => ((await view()).periodsPaid === 3 ? true : undefined), 30_000, 'the gateway shows three periods');

    // A failed renewal: past due, then recovered by the retry (Stripe retries three days later).
    const stripeId = (await subscriptionAtStripe(subscriptionId)).id;
    await sandboxCall('POST', `/_sandbox/stripe/subscriptions/${stripeId}/renewal-outcome`, { outcome: 'fail' });
    await advancePastPeriodEnd(subscriptionId);
    await eventually(async () => ((await view()).status === 'past_due' ? true : undefined), 60_000, 'past due');
    await sandboxCall('POST', `/_sandbox/stripe/subscriptions/${stripeId}/renewal-outcome`, { outcome: 'pay' });
    const clock = (await subscriptionAtStripe(subscriptionId)).test_clock;
    const clockNow = (await sandboxCall<{ frozen_time: number }>('GET', `/v1/test_helpers/test_clocks/${clock}`)).frozen_time;
    await sandboxCall('POST', `/v1/test_helpers/test_clocks/${clock}/advance`, { frozen_time: clockNow + 4 * DAY }, true);
    await eventually(async () => ((await view()).status === 'active' && (await view()).periodsPaid === 4 ? true : undefined), 60_000, 'recovered');

    // Cancel at period end: access runs on until the period ends, then is revoked.
    const cancel = await call<{ mode: string }>(token, 'POST', `/api/subscriptions/${subscriptionId}/cancel`, {});
    expect(cancel.status).toBe(202);
    await eventually(async () => ((await view()).cancelAtPeriodEnd ? true : undefined), 60_000, 'cancel scheduled');
    expect(about(Topics.entitlementRevoked)).toHaveLength(0);
    await advancePastPeriodEnd(subscriptionId);
    await eventually(async () => (about(Topics.entitlementRevoked).length > 0 ? true : undefined), 60_000, 'entitlement-revoked');
    expect((await view()).status).toBe('ended');

    await waitUntilSettled(e2e, recorder);
    expect(about(Topics.entitlementGranted)).toHaveLength(1);
    expect(about(Topics.entitlementRevoked)).toHaveLength(1);
    expect(about(Topics.entitlementRevoked)[0].payload).toMatchObject({ reason: 'subscription-ended', subscriptionId });
    const extensions = about(Topics.entitlementChanged).map((m) => m.payload as { reason: string; validUntil: string });
    expect(extensions.filter((change) => change.reason === 'renewal-paid' || change.reason === 'payment-recovered').length).toBeGreaterThanOrEqual(3);
    const entitlements = (await call<{ entitlements: EntitlementView[] }>(token, 'GET', '/api/entitlements')).body.entitlements;
    expect(entitlements).toEqual([expect.objectContaining({ productId: 'plan-pro-monthly', status: 'revoked', subscriptionId })]);
    await expectBooks(e2e, subscriptionId, 4);
  });

  it('impatient subscribers: paid the instant checkout answers, three renewals back to back, every webhook duplicated and reordered', async () => {
    const RENEWALS = 3;
    const subscriber = async () => {
      const userId = `user-${randomUUID()}`;
      const token = await bearerFor(userId);
      const opened = await call<OpenedSubscription>(token, 'POST', '/api/subscriptions/checkout', { planId: 'plan-pro-monthly', currency: 'USD' });
      expect(opened.status).toBe(201);
      const { subscriptionId, providerReference: sessionId } = opened.body;
      await sandboxCall('POST', `/_sandbox/stripe/checkout_sessions/${sessionId}/pay`, { faults: HOSTILE_DELIVERY });
      const atStripe = await subscriptionAtStripe(subscriptionId);
      await sandboxCall('POST', `/_sandbox/stripe/subscriptions/${atStripe.id}/renewal-outcome`, { outcome: 'pay', faults: HOSTILE_DELIVERY });
      // The clock runs through three periods without waiting for anything of ours to catch up.
      for (let renewal = 0; renewal < RENEWALS; renewal += 1) await advancePastPeriodEnd(subscriptionId);
      return { userId, token, subscriptionId };
    };
    const subscribers = await Promise.all([subscriber(), subscriber(), subscriber()]);

    await expectEveryPeriodPaidOnce(e2e, recorder, subscribers, RENEWALS + 1);
  });

  it('refuses another user, an immediate cancel by a non-admin, and an unknown plan', async () => {
    const owner = await bearerFor(`user-${randomUUID()}`);
    const other = await bearerFor(`user-${randomUUID()}`);
    const opened = await call<OpenedSubscription>(owner, 'POST', '/api/subscriptions/checkout', { planId: 'plan-pro-yearly', currency: 'USD' });
    expect(opened.status).toBe(201);
    const id = opened.body.subscriptionId;
    await eventually(async () => ((await call(owner, 'GET', `/api/subscriptions/${id}`)).status === 200 ? true : undefined), 30_000, 'projected');
    expect((await call(other, 'GET', `/api/subscriptions/${id}`)).status).toBe(404);
    expect((await call(other, 'POST', `/api/subscriptions/${id}/cancel`, {})).status).toBe(404);
    expect((await call(owner, 'POST', `/api/subscriptions/${id}/cancel`, { mode: 'immediately' })).status).toBe(403);
    expect((await call(owner, 'POST', '/api/subscriptions/checkout', { planId: 'no-such-plan' })).status).toBe(404);
    expect((await call(owner, 'POST', '/api/subscriptions/checkout', { planId: 'plan-pro-monthly', amountMinor: 1 })).status).toBe(400);
    const mine = await call<{ subscriptions: { subscriptionId: string }[] }>(other, 'GET', '/api/subscriptions');
    expect(mine.body.subscriptions).toEqual([]);
  });
});

describe('a Cashfree subscription (UPI Autopay mandate), end to end', () => {
  let e2e: E2eSystem;
  let recorder: Awaited<ReturnType<typeof topicRecorder>>;

  beforeAll(async () => {
    e2e = await startE2eSystem();
    recorder = await topicRecorder([Topics.entitlementGranted, Topics.entitlementChanged, Topics.entitlementRevoked, Topics.subscriptionsEvents]);
  });

  afterAll(async () => {
    await recorder?.stop();
    await e2e?.stop();
  });

  it('mandate approved and first charge -> access; renewals; a failed charge puts it on hold; a paid retry recovers; cancel revokes', async () => {
    const userId = `user-${randomUUID()}`;
    const token = await bearerFor(userId);
    const about = (topic: string): Envelope[] => recorder.on(topic).filter((m) => (m.payload as { userId?: string }).userId === userId);

    const opened = await call<OpenedSubscription>(token, 'POST', '/api/subscriptions/checkout', { planId: 'plan-pro-monthly', currency: 'INR', customerPhone: '+919800000001' });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ provider: 'cashfree', status: 'incomplete', currency: 'INR' });
    expect(opened.body.subscriptionSessionId).toBeTruthy();
    const { subscriptionId } = opened.body;
    const control = (action: string, body: Record<string, unknown> = {}) => cashfreeControl(subscriptionId, action, body);
    const view = async () => (await call<SubscriptionView>(token, 'GET', `/api/subscriptions/${subscriptionId}`)).body;

    await control('approve', { paymentMethod: 'upi' });
    await eventually(async () => (about(Topics.entitlementGranted).length > 0 ? true : undefined), 60_000, 'entitlement-granted');
    expect(about(Topics.entitlementGranted)[0].payload).toMatchObject({ productId: 'plan-pro-monthly', kind: 'plan', subscriptionId });

    await control('advance');
    await control('advance');
    await eventually(async () => ((await view()).periodsPaid === 3 ? true : undefined), 60_000, 'two renewals');

    await control('renewal-outcome', { outcome: 'failure' });
    await control('advance');
    await eventually(async () => ((await view()).status === 'past_due' ? true : undefined), 60_000, 'on hold');
    await control('renewal-outcome', { outcome: 'success' });
    await control('advance');
    await eventually(async () => ((await view()).status === 'active' && (await view()).periodsPaid === 4 ? true : undefined), 60_000, 'recovered');

    const cancel = await call<{ mode: string }>(token, 'POST', `/api/subscriptions/${subscriptionId}/cancel`, {});
    expect(cancel.status).toBe(202);
    await eventually(async () => (about(Topics.entitlementRevoked).length > 0 ? true : undefined), 60_000, 'entitlement-revoked');
    expect((await view()).status).toBe('ended');

    await waitUntilSettled(e2e, recorder);
    expect(about(Topics.entitlementGranted)).toHaveLength(1);
    expect(about(Topics.entitlementRevoked)).toHaveLength(1);
    await expectBooks(e2e, subscriptionId, 4);
  });

  it('impatient: approved and charged three more times at once, every webhook duplicated and reordered', async () => {
    const RENEWALS = 3;
    const subscriber = async () => {
      const userId = `user-${randomUUID()}`;
      const token = await bearerFor(userId);
      const opened = await call<OpenedSubscription>(token, 'POST', '/api/subscriptions/checkout', { planId: 'plan-pro-monthly', currency: 'INR', customerPhone: '+919800000002' });
      expect(opened.status).toBe(201);
      const { subscriptionId } = opened.body;
      const control = (action: string, body: Record<string, unknown> = {}) => cashfreeControl(subscriptionId, action, body);
      await control('approve', { paymentMethod: 'upi', faults: HOSTILE_DELIVERY });
      await control('renewal-outcome', { outcome: 'success', faults: HOSTILE_DELIVERY });
      for (let renewal = 0; renewal < RENEWALS; renewal += 1) await control('advance', { faults: HOSTILE_DELIVERY });
      return { userId, token, subscriptionId };
    };
    const subscribers = await Promise.all([subscriber(), subscriber(), subscriber()]);

    await expectEveryPeriodPaidOnce(e2e, recorder, subscribers, RENEWALS + 1);
  });
});
