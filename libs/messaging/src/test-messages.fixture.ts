import { randomUUID } from 'node:crypto';
import { IHeaders, Kafka } from 'kafkajs';
import { Envelope, PaymentSucceeded, buildMessage, deadLetterTopic } from '@payments/contracts';
import { Sql, assertSchemaName } from '@payments/persistence';
import { kafkaBrokers, uniqueName } from '@payments/testing';
import { publishDeadLetter } from './dead-letter.publisher';
import { createKafka, createOrderedProducer } from './kafka-client.factory';
import { Logger } from './logger.port';
import { headersToRecord } from './message-headers.mapper';
import { ensureTopics } from './topics.admin';
import { fetchTopicOffsets } from './topic-offsets';

// Shared by the integration tests of this library; not exported from the index.

export function paymentSucceeded(orderId: string = randomUUID()): Envelope {
  return buildMessage(PaymentSucceeded, {
    key: orderId,
    origin: { correlationId: randomUUID() },
    occurredAt: new Date('2024-11-22T10:00:00Z'),
    payload: {
      orderId,
      provider: 'stripe',
      providerEventId: `evt_${randomUUID()}`,
      providerPaymentId: `pi_${randomUUID()}`,
      amountMinor: 4_900,
      currency: 'USD',
      succeededAt: '2024-11-22T10:00:00Z',
    },
  });
}

/** A table a test handler writes its effect to, deliberately without a unique constraint. */
export function effectsDdl(schema: string): string {
  return `CREATE TABLE ${assertSchemaName(schema)}.effects (id bigserial PRIMARY KEY, message_id uuid NOT NULL)`;
}

export async function recordEffect(sql: Sql, schema: string, envelope: Envelope): Promise<void> {
  await sql.query(`INSERT INTO ${assertSchemaName(schema)}.effects (message_id) VALUES ($1)`, [envelope.id]);
}

/** How many effect rows each message id has. */
export async function effectCounts(sql: Sql, schema: string): Promise<Map<string, number>> {
  const rows = await sql.query<{ message_id: string; n: number }>(
    `SELECT message_id, count(*)::int AS n FROM ${assertSchemaName(schema)}.effects GROUP BY message_id`,
  );
  return new Map(rows.map((row) => [row.message_id, row.n]));
}

export interface ReadMessage {
  partition: number;
  offset: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** Every message now in `topic`, each partition in offset order, read with a throw-away group. */
export async function readTopic(kafka: Kafka, topic: string, timeoutMs = 20_000): Promise<ReadMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await fetchTopicOffsets(admin, topic).finally(() => admin.disconnect());
  const expected = offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  if (expected === 0) return [];
  const messages: ReadMessage[] = [];
  const consumer = kafka.consumer({ groupId: `read_${randomUUID()}`, maxWaitTimeInMs: 500 });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${messages.length} of ${expected} messages of ${topic}`)), timeoutMs);
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          messages.push({ partition, offset: message.offset, key: String(message.key), value: String(message.value), headers: headersToRecord(message.headers) });
          if (messages.length >= expected) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

export async function produceRaw(kafka: Kafka, topic: string, messages: { key: string; value: string; headers?: IHeaders }[]): Promise<void> {
  const producer = createOrderedProducer(kafka);
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}

export interface Failure {
  value: string;
  key: string;
  headers?: IHeaders;
  error: unknown;
  consumerGroup: string;
  failedAt: Date;
  /** Its offset on the original topic; default '0'. */
  offset?: string;
}

/** Sends each failure to `<topic>.dlq` through the consumers' own dead-letter path, in order. */
export async function sendToDeadLetters(kafka: Kafka, topic: string, failures: readonly Failure[]): Promise<void> {
  const producer = createOrderedProducer(kafka);
  await producer.connect();
  try {
    for (const failure of failures) {
      const message = {
        key: Buffer.from(failure.key), value: Buffer.from(failure.value), headers: failure.headers ?? {}, offset: failure.offset ?? '0', timestamp: '0', attributes: 0,
      };
      await publishDeadLetter(producer, { topic, partition: 0, message, consumerGroup: failure.consumerGroup, error: failure.error, failedAt: failure.failedAt });
    }
  } finally {
    await producer.disconnect();
  }
}

export async function deleteTopics(kafka: Kafka, topics: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

export interface TestTopics {
  readonly kafka: Kafka;
  /** A new topic and its `<topic>.dlq`, deleted by `deleteAll`. */
  fresh(partitions?: number): Promise<string>;
  deleteAll(): Promise<void>;
}

/** A Kafka client on the test broker and the topics one test file creates, named `<prefix>_<random>`. */
export function testTopics(prefix: string): TestTopics {
  const kafka = createKafka({ clientId: uniqueName('messaging_test'), brokers: kafkaBrokers() });
  const created: string[] = [];
  return {
    kafka,
    async fresh(partitions = 1) {
      const topic = uniqueName(prefix);
      created.push(topic);
      await ensureTopics(kafka, [topic], { partitions });
      return topic;
    },
    async deleteAll() {
      if (created.length > 0) await deleteTopics(kafka, created.flatMap((topic) => [topic, deadLetterTopic(topic)]));
    },
  };
}

export interface LogEntry {
  level: 'info' | 'warn' | 'error' | 'debug';
  obj: Record<string, unknown>;
  msg?: string;
}

/** A logger that keeps what it is given, for assertions on what the library reported. */
export function capturingLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (obj: object, msg?: string) => {
    entries.push({ level, obj: obj as Record<string, unknown>, msg });
  };
  return { entries, info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
}
