import { Kafka } from 'kafkajs';
import { Envelope } from '@payments/contracts';
import { PgDatabase } from '@payments/persistence';
import { eventually, kafkaBrokers, testSchema, uniqueName } from '@payments/testing';
import { createKafka } from './kafka-client.factory';
import { messagingDdl } from './messaging.ddl';
import { OutboxRelay } from './outbox.relay';
import { claimOutboxBatch } from './outbox.sql';
import { enqueueOutbox } from './outbox.writer';
import { ReadMessage, deleteTopics, paymentSucceeded, readTopic } from './test-messages.fixture';
import { ensureTopics } from './topics.admin';

describe('outbox relay', () => {
  let kafka: Kafka;
  let db: PgDatabase;
  let schema: string;
  let dropSchema: () => Promise<void>;
  const topics: string[] = [];
  const relays: OutboxRelay[] = [];

  beforeAll(async () => {
    kafka = createKafka({ clientId: uniqueName('messaging_test'), brokers: kafkaBrokers() });
    ({ db, schema, drop: dropSchema } = await testSchema('messaging_relay'));
    for (const statement of messagingDdl(schema)) await db.query(statement);
  });

  afterAll(async () => {
    await Promise.allSettled(relays.map((relay) => relay.stop()));
    if (topics.length > 0) await deleteTopics(kafka, topics.flatMap((topic) => [topic, `${topic}.dlq`]));
    await dropSchema();
  });

  async function freshTopic(): Promise<string> {
    const topic = uniqueName('messaging_relay');
    topics.push(topic);
    await ensureTopics(kafka, [topic], { partitions: 3 });
    await db.query(`TRUNCATE ${schema}.outbox`);
    return topic;
  }

  function relay(instanceId: string, batchSize = 10): OutboxRelay {
    const created = new OutboxRelay({ db, schema, kafka, instanceId, batchSize, pollIntervalMs: 50 });
    relays.push(created);
    return created;
  }

  async function unpublishedCount(): Promise<number> {
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.outbox WHERE published_at IS NULL`);
    return n;
  }

  /** Message ids per key in the order Kafka holds them (one key lives in one partition). */
  function idsByKey(messages: readonly ReadMessage[]): Map<string, string[]> {
    const byKey = new Map<string, string[]>();
    const inOffsetOrder = [...messages].sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
    for (const message of inOffsetOrder) byKey.set(message.key, [...(byKey.get(message.key) ?? []), message.headers['message-id']]);
    return byKey;
  }

  function expectedIdsByKey(envelopes: readonly Envelope[]): Map<string, string[]> {
    const byKey = new Map<string, string[]>();
    for (const envelope of envelopes) byKey.set(envelope.key, [...(byKey.get(envelope.key) ?? []), envelope.id]);
    return byKey;
  }

  it('publishes each message once and in seq order per key when two instances run on the same outbox', async () => {
    const topic = await freshTopic();
    const keys = Array.from({ length: 12 }, () => paymentSucceeded().key);
    const envelopes = Array.from({ length: 240 }, (_, i) => paymentSucceeded(keys[i % keys.length]));
    const [first, second] = [relay('relay-a', 7), relay('relay-b', 7)];
    await Promise.all([first.start(), second.start()]);

    for (let from = 0; from < envelopes.length; from += 60) {
      const chunk = envelopes.slice(from, from + 60);
      await db.transaction((sql) => enqueueOutbox(sql, schema, chunk.map((envelope) => ({ topic, envelope }))));
      first.notify();
      second.notify();
    }
    await eventually(async () => ((await unpublishedCount()) === 0 ? true : undefined), 20_000, 'every row published');
    await Promise.all([first.stop(), second.stop()]);

    const published = await readTopic(kafka, topic);
    expect(published).toHaveLength(envelopes.length);
    expect(new Set(published.map((message) => message.headers['message-id'])).size).toBe(envelopes.length);
    expect(idsByKey(published)).toEqual(expectedIdsByKey(envelopes));
    const publishers = await db.query<{ claimed_by: string }>(`SELECT DISTINCT claimed_by FROM ${schema}.outbox ORDER BY claimed_by`);
    expect(publishers.map((row) => row.claimed_by)).toEqual(['relay-a', 'relay-b']);
  });

  it('takes over a claim whose lease expired, and holds back later rows of its key until then', async () => {
    const topic = await freshTopic();
    const [orderA, orderB, orderC] = [paymentSucceeded().key, paymentSucceeded().key, paymentSucceeded().key];
    const envelopes = [paymentSucceeded(orderA), paymentSucceeded(orderB), paymentSucceeded(orderA), paymentSucceeded(orderC)];
    await db.transaction((sql) => enqueueOutbox(sql, schema, envelopes.map((envelope) => ({ topic, envelope }))));

    // A relay that claims the first row and dies before publishing it.
    const crashedClaim = await claimOutboxBatch(db, schema, { instanceId: 'crashed-relay', batchSize: 1, leaseMs: 1_500 });
    expect(crashedClaim.map((row) => row.id)).toEqual([envelopes[0].id]);

    const survivor = relay('survivor');
    expect(await survivor.relayOnce()).toBe(2);
    const waiting = await db.query<{ id: string }>(`SELECT id FROM ${schema}.outbox WHERE published_at IS NULL ORDER BY seq`);
    expect(waiting.map((row) => row.id)).toEqual([envelopes[0].id, envelopes[2].id]);

    await eventually(async () => ((await survivor.relayOnce()) > 0 ? true : undefined), 10_000, 'the lease to expire');
    expect(await unpublishedCount()).toBe(0);
    const [takenOver] = await db.query<{ claimed_by: string; attempts: number }>(
      `SELECT claimed_by, attempts FROM ${schema}.outbox WHERE id = $1`,
      [envelopes[0].id],
    );
    expect(takenOver).toEqual({ claimed_by: 'survivor', attempts: 2 });
    expect(idsByKey(await readTopic(kafka, topic))).toEqual(expectedIdsByKey(envelopes));
  });
});
