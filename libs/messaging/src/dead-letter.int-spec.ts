import { Kafka } from 'kafkajs';
import { Envelope, deadLetterTopic } from '@payments/contracts';
import { PgDatabase } from '@payments/persistence';
import { eventually, kafkaBrokers, testSchema, uniqueName } from '@payments/testing';
import { replayDeadLetters } from './dead-letter.replayer';
import { InboxConsumer } from './inbox.consumer';
import { createKafka } from './kafka-client.factory';
import { MessageHandler, UnprocessableMessageError } from './message-handler.port';
import { messagingDdl } from './messaging.ddl';
import { OutboxRelay } from './outbox.relay';
import { enqueueOutbox } from './outbox.writer';
import {
  capturingLogger,
  deleteTopics,
  effectCounts,
  effectsDdl,
  paymentSucceeded,
  produceRaw,
  readTopic,
  recordEffect,
} from './test-messages.fixture';
import { ensureTopics } from './topics.admin';

class BrokenDependencyError extends Error {
  readonly code = 'TEST.BROKEN_DEPENDENCY';
}

const fastRetry = { attempts: 3, initialBackoffMs: 10, maxBackoffMs: 40 };

describe('dead-letter topic', () => {
  let kafka: Kafka;
  let db: PgDatabase;
  let schema: string;
  let dropSchema: () => Promise<void>;
  const topics: string[] = [];
  const running: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    kafka = createKafka({ clientId: uniqueName('messaging_test'), brokers: kafkaBrokers() });
    ({ db, schema, drop: dropSchema } = await testSchema('messaging_dlq'));
    for (const statement of [...messagingDdl(schema), effectsDdl(schema)]) await db.query(statement);
  });

  afterAll(async () => {
    await Promise.allSettled(running.map((service) => service.stop()));
    if (topics.length > 0) await deleteTopics(kafka, topics.flatMap((topic) => [topic, deadLetterTopic(topic)]));
    await dropSchema();
  });

  async function freshTopic(): Promise<string> {
    const topic = uniqueName('messaging_dlq');
    topics.push(topic);
    await ensureTopics(kafka, [topic], { partitions: 1 });
    return topic;
  }

  /** Records each call, writes the effect, then fails for the ids in `failing`. */
  function recordingHandler(failing: Set<string>): { handler: MessageHandler; calls: Map<string, number> } {
    const calls = new Map<string, number>();
    const handler: MessageHandler = async (envelope, { sql }) => {
      calls.set(envelope.id, (calls.get(envelope.id) ?? 0) + 1);
      await recordEffect(sql, schema, envelope);
      if (failing.has(envelope.id)) throw new BrokenDependencyError(`ledger refused ${envelope.id}`);
    };
    return { handler, calls };
  }

  async function startConsumer(topic: string, handler: MessageHandler, logger = capturingLogger(), outcomes: string[] = []): Promise<InboxConsumer> {
    const consumer = new InboxConsumer({
      kafka, db, schema, topics: [topic], groupId: uniqueName('messaging_dlq_group'), handler, retry: fastRetry, logger, fromBeginning: true,
      onOutcome: (from, outcome) => outcomes.push(`${from === topic ? 'topic' : from}:${outcome}`),
    });
    running.push(consumer);
    await consumer.start();
    return consumer;
  }

  async function publishThroughOutbox(topic: string, envelopes: Envelope[]): Promise<void> {
    await db.transaction((sql) => enqueueOutbox(sql, schema, envelopes.map((envelope) => ({ topic, envelope }))));
    const relay = new OutboxRelay({ db, schema, kafka });
    await relay.relayOnce();
    await relay.stop();
  }

  async function appliedAll(envelopes: Envelope[]): Promise<true | undefined> {
    const effects = await effectCounts(db, schema);
    return envelopes.every((envelope) => effects.get(envelope.id) === 1) ? true : undefined;
  }

  it('receives a message that keeps failing, with its error headers, and the messages after it on its partition are still processed', async () => {
    const topic = await freshTopic();
    const orderId = paymentSucceeded().key;
    const [before, poison, after] = [paymentSucceeded(orderId), paymentSucceeded(orderId), paymentSucceeded(orderId)];
    const { handler, calls } = recordingHandler(new Set([poison.id]));
    await publishThroughOutbox(topic, [before, poison, after]);
    await startConsumer(topic, handler);

    await eventually(() => appliedAll([before, after]), 20_000, 'the messages around the poison one');
    const [dead] = await eventually(async () => {
      const messages = await readTopic(kafka, deadLetterTopic(topic));
      return messages.length > 0 ? messages : undefined;
    }, 10_000, 'the dead letter');
    expect(calls.get(poison.id)).toBe(fastRetry.attempts);
    expect((await effectCounts(db, schema)).has(poison.id)).toBe(false);
    expect(dead.key).toBe(orderId);
    expect(JSON.parse(dead.value)).toEqual(poison);
    expect(dead.headers).toMatchObject({
      'message-id': poison.id,
      'message-type': 'PaymentSucceeded',
      'dlq-error': `ledger refused ${poison.id}`,
      'dlq-error-code': 'TEST.BROKEN_DEPENDENCY',
      'dlq-original-topic': topic,
      'dlq-original-partition': '0',
      'dlq-original-offset': '1',
    });
    expect(dead.headers['dlq-consumer-group']).toMatch(/^messaging_dlq_group_/);
    expect(Number.isNaN(Date.parse(dead.headers['dlq-failed-at']))).toBe(false);
  });

  it('sends a message that violates its contract straight to the dead-letter topic without retrying it', async () => {
    const topic = await freshTopic();
    const valid = paymentSucceeded();
    const invalid = { ...paymentSucceeded(), payload: { orderId: 'not-a-uuid' } };
    await produceRaw(kafka, topic, [
      { key: invalid.key, value: JSON.stringify(invalid), headers: { 'message-id': invalid.id } },
      { key: valid.key, value: JSON.stringify(valid) },
    ]);
    const logger = capturingLogger();
    const { handler, calls } = recordingHandler(new Set());
    await startConsumer(topic, handler, logger);

    await eventually(() => appliedAll([valid]), 20_000, 'the valid message');
    const [dead] = await readTopic(kafka, deadLetterTopic(topic));
    expect(dead.headers['message-id']).toBe(invalid.id);
    expect(dead.headers['dlq-error-code']).toBe('CONTRACT.VIOLATION');
    expect(dead.headers['dlq-error']).toContain('payload of PaymentSucceeded@1 does not match its schema');
    expect(calls.has(invalid.id)).toBe(false);
    expect(logger.entries.filter((entry) => entry.msg === 'handler failed; retrying')).toEqual([]);
  });

  it('sends a message its handler calls unprocessable straight to the dead-letter topic, after one attempt, with nothing applied', async () => {
    const topic = await freshTopic();
    const orderId = paymentSucceeded().key;
    const [contradicting, next] = [paymentSucceeded(orderId), paymentSucceeded(orderId)];
    const calls = new Map<string, number>();
    const handler: MessageHandler = async (envelope, { sql }) => {
      calls.set(envelope.id, (calls.get(envelope.id) ?? 0) + 1);
      await recordEffect(sql, schema, envelope);
      if (envelope.id === contradicting.id) throw new UnprocessableMessageError('TEST.CONTRADICTS_STATE', `order ${orderId} already holds another payment`);
    };
    await publishThroughOutbox(topic, [contradicting, next]);
    const logger = capturingLogger();
    const outcomes: string[] = [];
    await startConsumer(topic, handler, logger, outcomes);

    await eventually(() => appliedAll([next]), 20_000, 'the message after it');
    const [dead] = await eventually(async () => {
      const messages = await readTopic(kafka, deadLetterTopic(topic));
      return messages.length > 0 ? messages : undefined;
    }, 10_000, 'the dead letter');
    expect(dead.headers).toMatchObject({ 'message-id': contradicting.id, 'dlq-error-code': 'TEST.CONTRADICTS_STATE' });
    expect(calls.get(contradicting.id)).toBe(1);
    expect((await effectCounts(db, schema)).has(contradicting.id)).toBe(false);
    expect(logger.entries.filter((entry) => entry.msg === 'handler failed; retrying')).toEqual([]);
    expect(outcomes).toEqual(['topic:dead_lettered', 'topic:applied']);
  });

  it('replays dead letters to their topic, where the consumer applies each once however often they are replayed', async () => {
    const topic = await freshTopic();
    const failing = paymentSucceeded();
    const broken = new Set([failing.id]);
    const { handler, calls } = recordingHandler(broken);
    const logger = capturingLogger();
    await startConsumer(topic, handler, logger);
    await publishThroughOutbox(topic, [failing]);
    await eventually(async () => ((await readTopic(kafka, deadLetterTopic(topic))).length === 1 ? true : undefined), 20_000, 'the dead letter');

    broken.delete(failing.id);
    const replayGroup = uniqueName('messaging_replay');
    expect(await replayDeadLetters(kafka, { topic, groupId: replayGroup })).toBe(1);
    await eventually(() => appliedAll([failing]), 20_000, 'the replayed message');
    expect(await replayDeadLetters(kafka, { topic, groupId: replayGroup })).toBe(0);

    // Another replay group re-publishes it again: the inbox skips it.
    expect(await replayDeadLetters(kafka, { topic, groupId: uniqueName('messaging_replay') })).toBe(1);
    await eventually(async () => (logger.entries.some((entry) => entry.msg === 'message already applied; skipped' && entry.obj.messageId === failing.id) ? true : undefined), 20_000, 'the second replay to be skipped');
    expect((await effectCounts(db, schema)).get(failing.id)).toBe(1);
    expect(calls.get(failing.id)).toBe(fastRetry.attempts + 1);
    const republished = await readTopic(kafka, topic);
    expect(republished.map((message) => Object.keys(message.headers).filter((name) => name.startsWith('dlq-')))).toEqual([[], [], []]);
  });
});
