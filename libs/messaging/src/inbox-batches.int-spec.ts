import { Kafka } from 'kafkajs';
import { Envelope, encodeEnvelope } from '@payments/contracts';
import { PgDatabase } from '@payments/persistence';
import { eventually, kafkaBrokers, testSchema, uniqueName } from '@payments/testing';
import { InboxConsumer } from './inbox.consumer';
import { createKafka } from './kafka-client.factory';
import { MessageHandler, UnprocessableMessageError } from './message-handler.port';
import { messagingDdl } from './messaging.ddl';
import { deleteTopics, paymentSucceeded, produceRaw, readTopic } from './test-messages.fixture';
import { ensureTopics } from './topics.admin';

/*
 * maxBatchSize > 1: waiting messages of a partition are applied a transaction per run. What must
 * not change: each message applied exactly once, in order per key, a failing message isolated
 * (those around it applied, it retried or dead-lettered on its own).
 */
describe('the inbox consumer applying waiting messages in batches', () => {
  let kafka: Kafka;
  let db: PgDatabase;
  let schema: string;
  let dropSchema: () => Promise<void>;
  const topics: string[] = [];
  const running: InboxConsumer[] = [];

  beforeAll(async () => {
    kafka = createKafka({ clientId: uniqueName('inbox_batches'), brokers: kafkaBrokers() });
    ({ db, schema, drop: dropSchema } = await testSchema('inbox_batches'));
    for (const statement of messagingDdl(schema)) await db.query(statement);
    // Each effect notes the transaction it was written in and its place in its key's sequence.
    await db.query(`CREATE TABLE ${schema}.effects (id bigserial PRIMARY KEY, message_id uuid NOT NULL, key text NOT NULL, seq int NOT NULL, txid xid8 NOT NULL)`);
  });

  afterEach(async () => {
    await Promise.allSettled(running.splice(0).map((consumer) => consumer.stop()));
  });

  afterAll(async () => {
    await deleteTopics(kafka, topics.flatMap((topic) => [topic, `${topic}.dlq`]));
    await dropSchema();
  });

  async function newTopic(partitions: number): Promise<string> {
    const topic = uniqueName('inbox_batches');
    topics.push(topic);
    await ensureTopics(kafka, [topic], { partitions });
    return topic;
  }

  /** `keys` keys with `perKey` messages each, the envelope's payload carrying its place in its key's sequence. */
  function sequences(keys: number, perKey: number): Envelope[] {
    return Array.from({ length: perKey }, (_, seq) => Array.from({ length: keys }, (__, k) => {
      const envelope = paymentSucceeded(`00000000-0000-4000-8000-${String(k).padStart(12, '0')}`);
      return { ...envelope, payload: { ...(envelope.payload as object), amountMinor: seq + 1 } };
    })).flat();
  }

  const publish = (topic: string, envelopes: readonly Envelope[]) =>
    produceRaw(kafka, topic, envelopes.map((envelope) => ({ key: envelope.key, value: encodeEnvelope(envelope).toString('utf8') })));

  const recording: MessageHandler = async (envelope, { sql }) => {
    await sql.query(
      `INSERT INTO ${schema}.effects (message_id, key, seq, txid) VALUES ($1, $2, $3, pg_current_xact_id())`,
      [envelope.id, envelope.key, (envelope.payload as { amountMinor: number }).amountMinor],
    );
  };

  async function effectsOf(ids: readonly string[]) {
    return db.query<{ message_id: string; key: string; seq: number; txid: string }>(
      `SELECT message_id, key, seq, txid::text FROM ${schema}.effects WHERE message_id = ANY($1) ORDER BY id`, [ids],
    );
  }

  async function start(topic: string, handler: MessageHandler, groupId = uniqueName('inbox_batches_group')): Promise<InboxConsumer> {
    const consumer = new InboxConsumer({
      kafka, db, schema, groupId, topics: [topic], fromBeginning: true, maxBatchSize: 50, handler,
      retry: { attempts: 5, initialBackoffMs: 50, maxBackoffMs: 200 }, parkedPollMs: 50,
    });
    running.push(consumer);
    await consumer.start();
    return consumer;
  }

  it('applies every waiting message exactly once, in order per key, in far fewer transactions than messages', async () => {
    const topic = await newTopic(3);
    const messages = sequences(12, 25);
    await publish(topic, messages);
    await start(topic, recording);

    const ids = messages.map((m) => m.id);
    const effects = await eventually(async () => {
      const rows = await effectsOf(ids);
      return rows.length >= messages.length ? rows : undefined;
    }, 60_000, 'every message applied');
    expect(new Set(effects.map((e) => e.message_id)).size).toBe(messages.length);
    expect(effects).toHaveLength(messages.length);
    const byKey = new Map<string, number[]>();
    for (const effect of effects) byKey.set(effect.key, [...(byKey.get(effect.key) ?? []), effect.seq]);
    for (const seqs of byKey.values()) expect(seqs).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const transactions = new Set(effects.map((e) => e.txid)).size;
    expect(transactions).toBeLessThan(messages.length / 5);
  });

  it('skips what was applied before when the same messages are delivered again', async () => {
    const topic = await newTopic(1);
    const messages = sequences(3, 10);
    await publish(topic, messages);
    const groupId = uniqueName('inbox_batches_group');
    const first = await start(topic, recording, groupId);
    await eventually(async () => ((await effectsOf(messages.map((m) => m.id))).length === messages.length ? true : undefined), 60_000, 'applied');
    await first.stop();
    running.splice(running.indexOf(first), 1);

    await publish(topic, messages);
    const later = sequences(1, 3);
    await publish(topic, later);
    await start(topic, recording, groupId);
    await eventually(async () => ((await effectsOf(later.map((m) => m.id))).length === later.length ? true : undefined), 60_000, 'the later ones applied');
    expect(await effectsOf(messages.map((m) => m.id))).toHaveLength(messages.length);
  });

  it('isolates a message its handler refuses: those before and after it applied once, it dead-lettered, nothing of it kept', async () => {
    const topic = await newTopic(1);
    const messages = sequences(1, 30);
    const poisoned = messages[17];
    await publish(topic, messages);
    await start(topic, async (envelope, ctx) => {
      await recording(envelope, ctx);
      if (envelope.id === poisoned.id) throw new UnprocessableMessageError('TEST.REFUSED', 'this one cannot be applied');
    });

    const others = messages.filter((m) => m !== poisoned);
    const effects = await eventually(async () => {
      const rows = await effectsOf(others.map((m) => m.id));
      return rows.length === others.length ? rows : undefined;
    }, 60_000, 'every other message applied');
    expect(effects.map((e) => e.seq)).toEqual(others.map((m) => (m.payload as { amountMinor: number }).amountMinor));
    expect(await effectsOf([poisoned.id])).toEqual([]);
    const dead = await eventually(async () => {
      const read = await readTopic(kafka, `${topic}.dlq`, 5_000);
      return read.length > 0 ? read : undefined;
    }, 60_000, 'the dead letter');
    expect(dead.map((m) => JSON.parse(m.value).id)).toEqual([poisoned.id]);
  });

  it('applies a message whose handler fails once on its own retry, and the batch around it once', async () => {
    const topic = await newTopic(1);
    const messages = sequences(2, 20);
    const flaky = messages[9];
    let failures = 0;
    await publish(topic, messages);
    await start(topic, async (envelope, ctx) => {
      await recording(envelope, ctx);
      if (envelope.id === flaky.id && failures === 0) {
        failures += 1;
        throw new Error('a deadlock, say');
      }
    });

    const effects = await eventually(async () => {
      const rows = await effectsOf(messages.map((m) => m.id));
      return rows.length === messages.length ? rows : undefined;
    }, 60_000, 'every message applied');
    expect(new Set(effects.map((e) => e.message_id)).size).toBe(messages.length);
    expect(failures).toBe(1);
    const byKey = new Map<string, number[]>();
    for (const effect of effects) byKey.set(effect.key, [...(byKey.get(effect.key) ?? []), effect.seq]);
    for (const seqs of byKey.values()) expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('refuses a batch size that is not a whole number from 1', () => {
    for (const maxBatchSize of [0, -1, 1.5]) {
      expect(() => new InboxConsumer({ kafka, db, schema, groupId: 'g', topics: ['t'], handler: recording, maxBatchSize })).toThrow(RangeError);
    }
  });
});
