import { Kafka } from 'kafkajs';
import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { SpanKind, inSpan, startTracing } from '@payments/observability';
import { Envelope } from '@payments/contracts';
import { PgDatabase } from '@payments/persistence';
import { eventually, kafkaBrokers, testSchema, uniqueName } from '@payments/testing';
import { InboxConsumer } from './inbox.consumer';
import { createKafka } from './kafka-client.factory';
import { MessageHandler } from './message-handler.port';
import { messagingDdl } from './messaging.ddl';
import { OutboxRelay } from './outbox.relay';
import { enqueueOutbox } from './outbox.writer';
import {
  capturingLogger,
  deleteTopics,
  effectCounts,
  effectsDdl,
  paymentSucceeded,
  recordEffect,
} from './test-messages.fixture';
import { ensureTopics } from './topics.admin';

describe('outbox -> Kafka -> inbox', () => {
  let kafka: Kafka;
  let db: PgDatabase;
  let schema: string;
  let dropSchema: () => Promise<void>;
  let topic: string;
  const running: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    kafka = createKafka({ clientId: uniqueName('messaging_test'), brokers: kafkaBrokers() });
    ({ db, schema, drop: dropSchema } = await testSchema('messaging_flow'));
    for (const statement of [...messagingDdl(schema), effectsDdl(schema)]) await db.query(statement);
    topic = uniqueName('messaging_flow');
    await ensureTopics(kafka, [topic], { partitions: 1 });
  });

  afterAll(async () => {
    await Promise.allSettled(running.map((service) => service.stop()));
    await deleteTopics(kafka, [topic, `${topic}.dlq`]);
    await dropSchema();
  });

  it('delivers each message exactly once in effect even when the consumer crashes between its commit and the offset commit', async () => {
    const messages = Array.from({ length: 5 }, () => paymentSucceeded());
    const crashed = messages[2];
    const groupId = uniqueName('messaging_flow_group');
    const invocations = new Map<string, number>();
    const handler: MessageHandler = async (envelope, { sql }) => {
      invocations.set(envelope.id, (invocations.get(envelope.id) ?? 0) + 1);
      await recordEffect(sql, schema, envelope);
    };

    await db.transaction((sql) => enqueueOutbox(sql, schema, messages.map((envelope) => ({ topic, envelope }))));
    const relay = new OutboxRelay({ db, schema, kafka });
    running.push(relay);
    await relay.start();
    relay.notify();

    // The first instance dies after the third message's transaction committed, before its offset commit.
    let stopFirst: Promise<void> | undefined;
    const first: InboxConsumer = new InboxConsumer({
      kafka, db, schema, groupId, topics: [topic], handler, fromBeginning: true,
      afterCommit: (envelope: Envelope) => {
        if (envelope.id !== crashed.id) return;
        stopFirst = first.stop();
        throw new Error('simulated crash before the offset commit');
      },
    });
    running.push(first);
    await first.start();
    await eventually(async () => (stopFirst ? true : undefined), 20_000, 'the first consumer to crash');
    await stopFirst;
    expect([...(await effectCounts(db, schema)).keys()].sort()).toEqual(messages.slice(0, 3).map((m) => m.id).sort());

    const secondLogger = capturingLogger();
    const outcomes: string[] = [];
    const second = new InboxConsumer({
      kafka, db, schema, groupId, topics: [topic], handler, logger: secondLogger, onOutcome: (_topic, outcome) => outcomes.push(outcome),
    });
    running.push(second);
    await second.start();
    await eventually(async () => ((await effectCounts(db, schema)).size === messages.length ? true : undefined), 20_000, 'all effects');

    const skipped = secondLogger.entries.filter((entry) => entry.msg === 'message already applied; skipped');
    expect(skipped.map((entry) => entry.obj.messageId)).toEqual([crashed.id]);
    expect(outcomes).toEqual(['duplicate', ...messages.slice(3).map(() => 'applied')]);
    const effects = await effectCounts(db, schema);
    for (const message of messages) {
      expect(effects.get(message.id)).toBe(1);
      expect(invocations.get(message.id)).toBe(1);
    }
    const unpublished = await db.query(`SELECT id FROM ${schema}.outbox WHERE published_at IS NULL`);
    expect(unpublished).toEqual([]);
  });

  it('makes the consumer span a child of the span that enqueued the message, and the transaction and handler its children', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = startTracing('messaging-test', {}, new SimpleSpanProcessor(exporter));
    try {
      const message = paymentSucceeded();
      await inSpan('POST /webhooks/stripe', { kind: SpanKind.SERVER }, () => db.transaction((sql) => enqueueOutbox(sql, schema, [{ topic, envelope: message }])));
      const relay = new OutboxRelay({ db, schema, kafka });
      running.push(relay);
      await relay.start();
      relay.notify();
      const consumer = new InboxConsumer({
        kafka, db, schema, groupId: uniqueName('tracing_group'), topics: [topic], fromBeginning: true,
        handler: async (envelope, { sql }) => recordEffect(sql, schema, envelope),
      });
      running.push(consumer);
      await consumer.start();

      const named = (name: string): ReadableSpan | undefined => exporter.getFinishedSpans().find((span) => span.name === name);
      const processed = await eventually(async () => exporter.getFinishedSpans().find((span) => span.attributes['messaging.message.id'] === message.id
        && span.kind === SpanKind.CONSUMER), 30_000, 'the consumer span');
      const request = named('POST /webhooks/stripe') as ReadableSpan;
      const children = (parent: ReadableSpan) => exporter.getFinishedSpans().filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId);
      expect(processed.spanContext().traceId).toBe(request.spanContext().traceId);
      expect(processed.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
      expect(processed.attributes).toMatchObject({ 'messaging.system': 'kafka', 'messaging.destination.name': topic });
      const [transaction] = children(processed);
      expect(transaction.name).toBe('inbox transaction');
      expect(children(transaction).map((span) => span.name)).toEqual([`handle ${message.type}`]);
    } finally {
      await tracing?.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    }
  });
});
