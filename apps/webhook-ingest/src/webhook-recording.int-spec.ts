import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import Stripe from 'stripe';
import { Topics } from '@payments/contracts';
import { databaseUrl } from '@payments/persistence';
import { DEV_SECRETS, KafkaTestClient, TestDatabase, TopicTail, eventually, kafkaBrokers, kafkaTestClient, testDatabase } from '@payments/testing';
import { startWebhookIngest } from './webhook-ingest.app';
import { loadWebhookIngestConfig } from './webhook-ingest.config';

const { webhooks } = new Stripe(DEV_SECRETS.STRIPE_SECRET_KEY);
const compactId = () => randomUUID().replace(/-/g, '');

/** A Stripe `payment_intent.succeeded` of `orderId`, as JSON text; `description` lands in the stored copy only. */
function paymentSucceeded(orderId: string, description = 'Course: TypeScript 101') {
  return JSON.stringify({
    id: `evt_${compactId()}`, object: 'event', type: 'payment_intent.succeeded', created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: `pi_${compactId()}`, object: 'payment_intent', amount: 4999, amount_received: 4999, currency: 'usd', description, metadata: { order_id: orderId },
      },
    },
  });
}

describe('recording Stripe webhooks in PostgreSQL', () => {
  let database: TestDatabase;
  let admin: Client;
  let app: INestApplication;
  let endpoint: string;
  let kafka: KafkaTestClient;
  let tail: TopicTail;

  const post = async (body: string) => {
    const signature = webhooks.generateTestHeaderString({ payload: body, secret: DEV_SECRETS.STRIPE_WEBHOOK_SECRET });
    const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  /** Reads through a connection of its own: the app's pool may still be recovering. */
  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  const recorded = async () => {
    const [row] = await query<{ events: string; outbox: string; unpublished: string }>(`SELECT
      (SELECT count(*) FROM webhook_ingest.provider_events) AS events,
      (SELECT count(*) FROM webhook_ingest.outbox) AS outbox,
      (SELECT count(*) FROM webhook_ingest.outbox WHERE published_at IS NULL) AS unpublished`);
    return { events: Number(row.events), outbox: Number(row.outbox), unpublished: Number(row.unpublished) };
  };
  const publishedFor = (orderId: string) => tail.on(Topics.providerEvents).filter((message) => message.key === orderId);
  /** Every outbox row published and seen on the topic: nothing more can follow. */
  const drained = (orderId: string) =>
    eventually(async () => ((await recorded()).unpublished === 0 && publishedFor(orderId).length > 0 ? true : undefined), 30_000, `the event of ${orderId} to be published`);

  const setConnectionsAllowed = (allowed: boolean) => admin.query(`ALTER DATABASE ${database.name} WITH ALLOW_CONNECTIONS ${allowed}`);
  /** The database goes away under the running app: new connections are refused, open ones are ended. */
  const cutOffDatabase = async () => {
    await setConnectionsAllowed(false);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database.name]);
  };

  beforeAll(async () => {
    database = await testDatabase('webhook_ingest_recording');
    admin = new Client({ connectionString: databaseUrl() });
    await admin.connect();
    const env = { ...DEV_SECRETS, KAFKA_BROKERS: kafkaBrokers().join(','), DATABASE_URL: database.url, WEBHOOK_INGEST_PORT: '0' };
    app = await startWebhookIngest(loadWebhookIngestConfig(env));
    endpoint = `${await app.getUrl()}/webhooks/stripe`;
    kafka = await kafkaTestClient();
    tail = await kafka.tail([Topics.providerEvents]);
  });

  afterAll(async () => {
    await tail?.stop();
    await kafka?.close();
    await app?.close();
    await setConnectionsAllowed(true).catch(() => undefined);
    await admin?.end();
    await database?.drop();
  });

  it('answers 500 WEBHOOK.NOT_RECORDED while the database is down, records and publishes nothing, and records the retry once', async () => {
    const refusedOrder = randomUUID();
    const refused = paymentSucceeded(refusedOrder);
    const before = await recorded();
    await cutOffDatabase();
    try {
      expect(await post(refused)).toEqual({ status: 500, body: { error: { code: 'WEBHOOK.NOT_RECORDED', message: 'the event could not be recorded; retry later' } } });
    } finally {
      await setConnectionsAllowed(true);
    }
    expect(await recorded()).toEqual(before);

    // Another order's event, recorded and published once the database is back: the outbox is then
    // empty of anything unpublished, so the refused event can no longer appear.
    const laterOrder = randomUUID();
    expect(await post(paymentSucceeded(laterOrder))).toMatchObject({ status: 200, body: { outcome: 'published' } });
    await drained(laterOrder);
    expect(publishedFor(refusedOrder)).toEqual([]);

    // The provider retries the very same bytes: recorded and published exactly once.
    expect(await post(refused)).toMatchObject({ status: 200, body: { outcome: 'published' } });
    await drained(refusedOrder);
    expect(await recorded()).toEqual({ events: before.events + 2, outbox: before.outbox + 2, unpublished: 0 });
    expect(publishedFor(refusedOrder)).toEqual([expect.objectContaining({ type: 'PaymentSucceeded', payload: expect.objectContaining({ orderId: refusedOrder }) })]);
  });

  it('records a signed event carrying NUL and an unpaired surrogate, which jsonb cannot hold as sent, with them replaced', async () => {
    const orderId = randomUUID();
    const body = paymentSucceeded(orderId, 'a\u0000b\ud800c');
    expect(body).toContain('a\\u0000b\\ud800c');
    expect(await post(body)).toMatchObject({ status: 200, body: { outcome: 'published' } });
    const [row] = await query<{ description: string }>(
      `SELECT payload #>> '{data,object,description}' AS description FROM webhook_ingest.provider_events WHERE order_id = $1`, [orderId],
    );
    expect(row.description).toBe('a\uFFFDb\uFFFDc');
  });
});
