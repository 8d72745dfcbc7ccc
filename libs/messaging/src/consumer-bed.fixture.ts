import { Kafka } from 'kafkajs';
import { Envelope, encodeEnvelope } from '@payments/contracts';
import { PgDatabase } from '@payments/persistence';
import { eventually, kafkaBrokers, testSchema, uniqueName } from '@payments/testing';
import { InboxConsumer } from './inbox.consumer';
import { createKafka } from './kafka-client.factory';
import { MessageHandler } from './message-handler.port';
import { messagingDdl } from './messaging.ddl';
import { deleteTopics, paymentSucceeded, produceRaw, readTopic } from './test-messages.fixture';
import { ensureTopics } from './topics.admin';

// Shared by this library's consumer integration tests; not exported from the index.

export interface Effect {
  message_id: string;
  key: string;
  seq: number;
  txid: string;
}

/**
 * A schema with the messaging tables and an `effects` table, topics made per test and deleted
 * after the file, and consumers stopped after each test. Registers its own jest hooks.
 */
export class ConsumerBed {
  kafka!: Kafka;
  db!: PgDatabase;
  schema!: string;
  private drop: () => Promise<void> = async () => undefined;
  private readonly topics: string[] = [];
  private readonly running: InboxConsumer[] = [];

  constructor(private readonly prefix: string) {
    beforeAll(async () => {
      this.kafka = createKafka({ clientId: uniqueName(prefix), brokers: kafkaBrokers() });
      ({ db: this.db, schema: this.schema, drop: this.drop } = await testSchema(prefix));
      for (const statement of messagingDdl(this.schema)) await this.db.query(statement);
      // Each effect notes the transaction it was written in and its place in its key's sequence.
      await this.db.query(`CREATE TABLE ${this.schema}.effects (id bigserial PRIMARY KEY, message_id uuid NOT NULL, key text NOT NULL, seq int NOT NULL, txid xid8 NOT NULL)`);
    });
    afterEach(async () => {
      await Promise.allSettled(this.running.splice(0).map((consumer) => consumer.stop()));
    });
    afterAll(async () => {
      await deleteTopics(this.kafka, this.topics.flatMap((topic) => [topic, `${topic}.dlq`]));
      await this.drop();
    });
  }

  async newTopic(partitions: number): Promise<string> {
    const topic = uniqueName(this.prefix);
    this.topics.push(topic);
    await ensureTopics(this.kafka, [topic], { partitions });
    return topic;
  }

  /** The `seq`-th message (from 1) of key number `k`: the payload's amount carries `seq`. */
  message(k: number, seq: number): Envelope {
    const envelope = paymentSucceeded(`00000000-0000-4000-8000-${String(k).padStart(12, '0')}`);
    return { ...envelope, payload: { ...(envelope.payload as object), amountMinor: seq } };
  }

  publish(topic: string, envelopes: readonly Envelope[]): Promise<void> {
    return produceRaw(this.kafka, topic, envelopes.map((envelope) => ({ key: envelope.key, value: encodeEnvelope(envelope).toString('utf8') })));
  }

  /** A handler writing the message's effect. */
  readonly recording: MessageHandler = async (envelope, { sql }) => {
    await sql.query(
      `INSERT INTO ${this.schema}.effects (message_id, key, seq, txid) VALUES ($1, $2, $3, pg_current_xact_id())`,
      [envelope.id, envelope.key, (envelope.payload as { amountMinor: number }).amountMinor],
    );
  };

  effectsOf(ids: readonly string[]): Promise<Effect[]> {
    return this.db.query<Effect>(`SELECT message_id, key, seq, txid::text FROM ${this.schema}.effects WHERE message_id = ANY($1) ORDER BY id`, [ids]);
  }

  /** Waits until every one of `ids` has its effect; resolves to all their effects. */
  eventuallyAll(ids: readonly string[]): Promise<Effect[]> {
    return eventually(async () => {
      const rows = await this.effectsOf(ids);
      return rows.length >= ids.length ? rows : undefined;
    }, 60_000, `${ids.length} messages applied`);
  }

  /** The message ids on `<topic>.dlq`, once there are some. */
  deadLetterIds(topic: string): Promise<string[]> {
    return eventually(async () => {
      const read = await readTopic(this.kafka, `${topic}.dlq`, 5_000);
      return read.length > 0 ? read.map((m) => (JSON.parse(m.value) as { id: string }).id) : undefined;
    }, 60_000, 'the dead letters');
  }

  /** The sequences applied per key, in the order they were applied. */
  static seqsByKey(effects: readonly Effect[]): Map<string, number[]> {
    const byKey = new Map<string, number[]>();
    for (const effect of effects) byKey.set(effect.key, [...(byKey.get(effect.key) ?? []), effect.seq]);
    return byKey;
  }

  /** Starts a consumer (stopped after the test) of `topic` with quick retries. */
  async start(topic: string, handler: MessageHandler, opts: { groupId?: string; maxBatchSize?: number; keyConcurrency?: number }): Promise<InboxConsumer> {
    const consumer = new InboxConsumer({
      kafka: this.kafka, db: this.db, schema: this.schema, groupId: opts.groupId ?? uniqueName(`${this.prefix}_group`), topics: [topic], fromBeginning: true,
      maxBatchSize: opts.maxBatchSize, keyConcurrency: opts.keyConcurrency, handler,
      retry: { attempts: 5, initialBackoffMs: 50, maxBackoffMs: 200 }, parkedPollMs: 50,
    });
    this.running.push(consumer);
    await consumer.start();
    return consumer;
  }

  /** Stops a consumer before the test ends. */
  async stop(consumer: InboxConsumer): Promise<void> {
    await consumer.stop();
    this.running.splice(this.running.indexOf(consumer), 1);
  }
}
