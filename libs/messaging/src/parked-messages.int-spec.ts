import { Envelope } from '@payments/contracts';
import { Database, PgDatabase } from '@payments/persistence';
import { eventually, testSchema, uniqueName } from '@payments/testing';
import { InboxConsumer } from './inbox.consumer';
import { MessageHandler } from './message-handler.port';
import { messagingDdl } from './messaging.ddl';
import { listParked } from './parked-messages.sql';
import { TestTopics, capturingLogger, paymentSucceeded, produceRaw, readTopic, testTopics } from './test-messages.fixture';

const quickParking = { attempts: 6, initialBackoffMs: 50, maxBackoffMs: 200 };

describe('a message whose handler fails is parked, and holds back nothing but its own key', () => {
  let db: PgDatabase;
  let schema: string;
  let dropSchema: () => Promise<void>;
  let topics: TestTopics;
  const running: InboxConsumer[] = [];

  beforeAll(async () => {
    topics = testTopics('messaging_parked');
    ({ db, schema, drop: dropSchema } = await testSchema('messaging_parked'));
    for (const statement of messagingDdl(schema)) await db.query(statement);
  });

  afterAll(async () => {
    await Promise.allSettled(running.map((consumer) => consumer.stop()));
    await topics.deleteAll();
    await dropSchema();
  });

  /** Applies messages in arrival order; fails those in `failing` while they are in it. */
  function orderedHandler(failing: Set<string>) {
    const applied: string[] = [];
    const handler: MessageHandler = async (envelope) => {
      if (failing.has(envelope.id)) throw new Error(`not yet: ${envelope.id}`);
      applied.push(envelope.id);
    };
    return { handler, applied };
  }

  async function consume(topic: string, handler: MessageHandler, outcomes: string[] = []) {
    const consumer = new InboxConsumer({
      kafka: topics.kafka, db, schema, topics: [topic], groupId: uniqueName('parked_group'), handler, retry: quickParking,
      logger: capturingLogger(), fromBeginning: true, parkedPollMs: 50, onOutcome: (_topic, outcome) => outcomes.push(outcome),
    });
    running.push(consumer);
    await consumer.start();
    return consumer;
  }

  const send = (topic: string, envelopes: Envelope[]) =>
    produceRaw(topics.kafka, topic, envelopes.map((envelope) => ({ key: envelope.key, value: JSON.stringify(envelope) })));

  it('other keys of the same partition go on; the key waits and keeps its order once the failure clears', async () => {
    const topic = await topics.fresh(1);
    const [stuck, sameKey] = [paymentSucceeded('11111111-1111-4111-8111-111111111111'), paymentSucceeded('11111111-1111-4111-8111-111111111111')];
    const others = [paymentSucceeded(), paymentSucceeded(), paymentSucceeded()];
    const failing = new Set([stuck.id]);
    const { handler, applied } = orderedHandler(failing);
    const outcomes: string[] = [];
    await consume(topic, handler, outcomes);
    await send(topic, [stuck, others[0], sameKey, others[1], others[2]]);

    await eventually(async () => (applied.length === 3 ? true : undefined), 20_000, 'the other keys applied');
    expect(applied).toEqual(others.map((envelope) => envelope.id));
    const parked = await listParked(db, schema);
    expect(parked.map((row) => row.messageId)).toEqual([stuck.id, sameKey.id]);
    expect(parked[0].attempts).toBeGreaterThanOrEqual(3);
    expect(parked[1].attempts).toBe(0);

    failing.delete(stuck.id);
    await eventually(async () => (applied.length === 5 ? true : undefined), 20_000, 'the parked key applied');
    expect(applied.slice(3)).toEqual([stuck.id, sameKey.id]);
    expect(await listParked(db, schema)).toEqual([]);
    expect(outcomes.filter((outcome) => outcome === 'applied')).toHaveLength(5);
  });

  it('a message out of attempts goes to the dead-letter topic and the messages queued behind it are applied', async () => {
    const topic = await topics.fresh(1);
    const orderId = '22222222-2222-4222-8222-222222222222';
    const [poison, next] = [paymentSucceeded(orderId), paymentSucceeded(orderId)];
    const { handler, applied } = orderedHandler(new Set([poison.id]));
    await consume(topic, handler);
    await send(topic, [poison, next]);

    await eventually(async () => (applied.includes(next.id) ? true : undefined), 30_000, 'the message behind the poison one applied');
    const dead = await readTopic(topics.kafka, `${topic}.dlq`);
    expect(dead.map((message) => JSON.parse(message.value).id)).toEqual([poison.id]);
    expect(dead[0].headers['dlq-error']).toContain('not yet');
    expect(applied).toEqual([next.id]);
    expect(await listParked(db, schema)).toEqual([]);
  });

  it('two replicas of the group apply a parked key once, in order', async () => {
    const topic = await topics.fresh(2);
    const orderId = '33333333-3333-4333-8333-333333333333';
    const messages = [paymentSucceeded(orderId), paymentSucceeded(orderId), paymentSucceeded(orderId)];
    const failing = new Set([messages[0].id]);
    const { handler, applied } = orderedHandler(failing);
    const groupId = uniqueName('parked_replicas');
    for (let replica = 0; replica < 2; replica += 1) {
      const consumer = new InboxConsumer({
        kafka: topics.kafka, db, schema, topics: [topic], groupId, handler, retry: { attempts: 50, initialBackoffMs: 20, maxBackoffMs: 50 },
        logger: capturingLogger(), fromBeginning: true, parkedPollMs: 20,
      });
      running.push(consumer);
      await consumer.start();
    }
    await send(topic, messages);
    await eventually(async () => ((await listParked(db, schema, groupId)).length === 3 ? true : undefined), 20_000, 'the key parked');
    failing.clear();
    await eventually(async () => (applied.length === 3 ? true : undefined), 20_000, 'the key applied');
    expect(applied).toEqual(messages.map((message) => message.id));
  });

  it('a database outage before any handler ran is not the message\'s fault: nothing is parked, and the consumer resumes where it was', async () => {
    const topic = await topics.fresh(1);
    let down = true;
    const flaky: Database = {
      query: (text, params) => (down ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) : db.query(text, params)),
      transaction: (work) => (down ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) : db.transaction(work)),
    };
    const { handler, applied } = orderedHandler(new Set());
    const messages = [paymentSucceeded(), paymentSucceeded(), paymentSucceeded()];
    const consumer = new InboxConsumer({
      kafka: topics.kafka, db: flaky, schema, topics: [topic], groupId: uniqueName('parked_outage'), handler, retry: quickParking,
      logger: capturingLogger(), fromBeginning: true, parkedPollMs: 50,
    });
    running.push(consumer);
    await consumer.start();
    await send(topic, messages);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(applied).toEqual([]);
    down = false;
    await eventually(async () => (applied.length === 3 ? true : undefined), 60_000, 'every message applied once the database is back');
    expect(applied).toEqual(messages.map((message) => message.id));
    expect(await listParked(db, schema)).toEqual([]);
  });
});
