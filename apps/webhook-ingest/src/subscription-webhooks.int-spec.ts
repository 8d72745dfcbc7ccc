import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import Stripe from 'stripe';
import { Envelope, Topics } from '@payments/contracts';
import { cashfreeSignature } from '@payments/providers';
import { DEV_SECRETS, KafkaTestClient, TestDatabase, TopicTail, eventually, kafkaBrokers, kafkaTestClient, testDatabase } from '@payments/testing';
import { startWebhookIngest } from './webhook-ingest.app';
import { loadWebhookIngestConfig } from './webhook-ingest.config';

const { webhooks } = new Stripe(DEV_SECRETS.STRIPE_SECRET_KEY);
const compactId = () => randomUUID().replace(/-/g, '');
const now = () => Math.floor(Date.now() / 1000);

/** A Stripe `invoice.paid` of a subscription, placed where API 2026-10-28.endive puts the link and the period. */
function invoicePaid(subscriptionMetadata: Record<string, string>, fields: Record<string, unknown> = {}) {
  return JSON.stringify({
    id: `evt_${compactId()}`, object: 'event', api_version: '2026-10-28.endive', type: 'invoice.paid', created: now(),
    data: {
      object: {
        id: `in_${compactId()}`, object: 'invoice', amount_paid: 2900, amount_due: 2900, currency: 'usd', billing_reason: 'subscription_create',
        parent: { type: 'subscription_details', subscription_details: { subscription: 'sub_1', metadata: subscriptionMetadata } },
        lines: { object: 'list', data: [{ id: 'il_1', period: { start: 1_764_590_000, end: 1_767_268_400 }, parent: { type: 'subscription_item_details' } }] },
        status_transitions: { paid_at: now() }, ...fields,
      },
    },
  });
}

/** A Cashfree `SUBSCRIPTION_STATUS_CHANGED` (2023-08-01 shape) of `subscriptionId`. */
function cashfreeStatusChanged(subscriptionId: string, status: string) {
  return JSON.stringify({
    type: 'SUBSCRIPTION_STATUS_CHANGED', event_time: '2026-12-02T15:30:00+05:30',
    data: {
      subscription_details: { cf_subscription_id: 2363, subscription_id: subscriptionId, subscription_status: status, next_schedule_date: '2027-01-02 10:00:00' },
      plan_details: { plan_id: 'plan-pro-monthly_INR_94282_MONTH', plan_currency: 'INR', plan_recurring_amount: 942.82 },
    },
  });
}

describe('subscription webhooks, signed as the providers sign them, onto payments.provider-events', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let baseUrl: string;
  let kafka: KafkaTestClient;
  let tail: TopicTail;

  const postStripe = async (body: string) => {
    const signature = webhooks.generateTestHeaderString({ payload: body, secret: DEV_SECRETS.STRIPE_WEBHOOK_SECRET });
    const response = await fetch(`${baseUrl}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const postCashfree = async (body: string) => {
    const timestamp = String(Date.now());
    const headers = {
      'content-type': 'application/json', 'x-webhook-timestamp': timestamp, 'x-webhook-version': '2023-08-01',
      'x-webhook-signature': cashfreeSignature(DEV_SECRETS.CASHFREE_SECRET_KEY, timestamp, body),
    };
    const response = await fetch(`${baseUrl}/webhooks/cashfree`, { method: 'POST', headers, body });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const publishedFor = (key: string) => tail.on(Topics.providerEvents).filter((message) => message.key === key);
  const published = (key: string, count = 1): Promise<Envelope[]> =>
    eventually(async () => (publishedFor(key).length >= count ? publishedFor(key) : undefined), 30_000, `${count} message(s) keyed by ${key}`);
  const storedCount = async (providerEventId: string) => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ count: string }>(`SELECT count(*) FROM webhook_ingest.provider_events WHERE provider_event_id = $1`, [providerEventId]);
      return Number(rows[0].count);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    database = await testDatabase('webhook_ingest_subscriptions');
    const env = { ...DEV_SECRETS, KAFKA_BROKERS: kafkaBrokers().join(','), DATABASE_URL: database.url, WEBHOOK_INGEST_PORT: '0' };
    app = await startWebhookIngest(loadWebhookIngestConfig(env));
    baseUrl = await app.getUrl();
    kafka = await kafkaTestClient();
    tail = await kafka.tail([Topics.providerEvents]);
  });

  afterAll(async () => {
    await tail?.stop();
    await kafka?.close();
    await app?.close();
    await database?.drop();
  });

  it('publishes a paid Stripe subscription invoice once as SubscriptionPaymentSucceeded keyed by our subscription id, however often it is delivered', async () => {
    const subscriptionId = randomUUID();
    const body = invoicePaid({ subscription_id: subscriptionId, user_id: 'user-1' });
    expect(await postStripe(body)).toMatchObject({ status: 200, body: { outcome: 'published' } });
    expect(await postStripe(body)).toMatchObject({ status: 200, body: { outcome: 'duplicate' } });

    const [message] = await published(subscriptionId);
    expect(message).toMatchObject({
      type: 'SubscriptionPaymentSucceeded', key: subscriptionId,
      payload: {
        subscriptionId, provider: 'stripe', providerSubscriptionId: 'sub_1', amountMinor: 2900, currency: 'USD', billingReason: 'create',
        periodStart: new Date(1_764_590_000_000).toISOString(), periodEnd: new Date(1_767_268_400_000).toISOString(),
      },
    });
    const eventId = (JSON.parse(body) as { id: string }).id;
    expect(await storedCount(eventId)).toBe(1);
    // A later message for another key proves nothing more was published for this one.
    const later = randomUUID();
    await postStripe(invoicePaid({ subscription_id: later }));
    await published(later);
    expect(publishedFor(subscriptionId)).toHaveLength(1);
  });

  it('publishes a Cashfree status change as SubscriptionStatusReported, and the same subscription past due under a new event', async () => {
    const subscriptionId = randomUUID();
    expect(await postCashfree(cashfreeStatusChanged(subscriptionId, 'ACTIVE'))).toMatchObject({ status: 200, body: { outcome: 'published' } });
    expect(await postCashfree(cashfreeStatusChanged(subscriptionId, 'ON_HOLD'))).toMatchObject({ status: 200, body: { outcome: 'published' } });

    const messages = await published(subscriptionId, 2);
    expect(messages.map((message) => [message.type, (message.payload as { status: string }).status])).toEqual([
      ['SubscriptionStatusReported', 'active'], ['SubscriptionStatusReported', 'past_due'],
    ]);
    expect(messages[0].payload).toMatchObject({ provider: 'cashfree', providerSubscriptionId: subscriptionId, currentPeriodEnd: '2027-01-02T04:30:00.000Z', cancelAtPeriodEnd: false });
  });

  it('answers 400 naming the field, and records nothing, for a subscription event without our subscription id or with one not ours', async () => {
    const missing = invoicePaid({ user_id: 'user-1' });
    expect(await postStripe(missing)).toEqual({
      status: 400, body: { error: { code: 'WEBHOOK.MISSING_FIELD', message: 'the webhook has no data.object.parent.subscription_details.metadata.subscription_id' } },
    });
    const foreign = invoicePaid({ subscription_id: 'sub-from-dashboard' });
    expect(await postStripe(foreign)).toMatchObject({ status: 400, body: { error: { code: 'WEBHOOK.INVALID_FIELD' } } });
    const cashfreeMissing = JSON.stringify({ type: 'SUBSCRIPTION_PAYMENT_SUCCESS', event_time: '2026-12-02T15:30:00+05:30', data: { cf_payment_id: 1, payment_status: 'SUCCESS', payment_amount: 1 } });
    expect(await postCashfree(cashfreeMissing)).toMatchObject({ status: 400, body: { error: { code: 'WEBHOOK.MISSING_FIELD', message: 'the webhook has no data.subscription_id' } } });
    for (const body of [missing, foreign]) expect(await storedCount((JSON.parse(body) as { id: string }).id)).toBe(0);
  });

  it('acknowledges, stores and does not publish a subscription-mode Checkout Session and a Cashfree authorization', async () => {
    const subscriptionId = randomUUID();
    const session = JSON.stringify({
      id: `evt_${compactId()}`, object: 'event', type: 'checkout.session.completed', created: now(),
      data: { object: { id: `cs_${compactId()}`, object: 'checkout.session', mode: 'subscription', subscription: 'sub_1', payment_status: 'paid', amount_total: 2900, currency: 'usd', metadata: { subscription_id: subscriptionId } } },
    });
    expect(await postStripe(session)).toMatchObject({ status: 200, body: { outcome: 'ignored' } });
    const auth = JSON.stringify({ type: 'SUBSCRIPTION_AUTH_STATUS', event_time: '2026-12-02T15:30:00+05:30', data: { subscription_id: subscriptionId, payment_type: 'AUTH', payment_status: 'SUCCESS' } });
    expect(await postCashfree(auth)).toMatchObject({ status: 200, body: { outcome: 'ignored' } });
    expect(await storedCount((JSON.parse(session) as { id: string }).id)).toBe(1);
  });
});
