import { randomUUID } from 'node:crypto';
import { Controller, INestApplication, Module } from '@nestjs/common';
import { Ctx, EventPattern, MicroserviceOptions, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { Kafka } from 'kafkajs';
import { Envelope, PaymentStatusCheckRequested, buildMessage, deadLetterTopic } from '@payments/contracts';
import { UnprocessableMessageError, createKafka, ensureTopics, listDeadLetters, messagingDdl } from '@payments/messaging';
import { PgDatabase } from '@payments/persistence';
import { KafkaTestClient, eventually, kafkaBrokers, kafkaTestClient, testSchema, uniqueName } from '@payments/testing';
import { createLogger } from '@payments/observability';
import { InboxContext, InboxGroup, InboxHandlers, InboxTransport } from './inbox.transport';

/*
 * The inbox consumer as a Nest transport: `@EventPattern(topic)` methods of `@InboxHandlers()`
 * controllers get each message inside its inbox transaction, and what they throw reaches the
 * consumer unchanged (an UnprocessableMessageError is dead-lettered at once, not retried).
 */
describe('the inbox transport', () => {
  let kafka: Kafka;
  let client: KafkaTestClient;
  let db: PgDatabase;
  let schema: string;
  let drop: () => Promise<void>;
  const apps: INestApplication[] = [];
  /** What the handlers saw, by message id: the topic and the transaction id their write ran in. */
  const seen = new Map<string, { topic: string; context: string }>();

  const topics = { noted: uniqueName('transport_noted'), bare: uniqueName('transport_bare'), unhandled: uniqueName('transport_unhandled') };

  const check = (note: string): Envelope => buildMessage(PaymentStatusCheckRequested, {
    key: randomUUID(), origin: { correlationId: randomUUID() }, occurredAt: new Date(),
    payload: { orderId: randomUUID(), userId: 'user-transport', trigger: note, requestedAt: new Date().toISOString() },
  });

  @InboxHandlers()
  class NotingHandlers {
    @EventPattern(topics.noted)
    async note(@Payload() envelope: Envelope, @Ctx() ctx: InboxContext): Promise<void> {
      await ctx.sql.query(`INSERT INTO ${schema}.notes (message_id, txid) VALUES ($1, pg_current_xact_id())`, [envelope.id]);
      seen.set(envelope.id, { topic: ctx.topic, context: ctx.constructor.name });
      const { trigger } = envelope.payload as { trigger: string };
      if (trigger === 'refuse') throw new UnprocessableMessageError('TEST.REFUSED', 'refused by the handler');
      if (trigger === 'fail-once' && !seen.has(`${envelope.id}:failed`)) {
        seen.set(`${envelope.id}:failed`, { topic: ctx.topic, context: 'failed' });
        throw new Error('a deadlock, say');
      }
    }
  }

  /** A controller without InboxErrorsFilter: Nest's RPC filter would hide what it throws. */
  @Controller()
  class BareHandlers {
    @EventPattern(topics.bare)
    async refuse(): Promise<void> {
      throw new UnprocessableMessageError('TEST.BARE', 'refused by a bare controller');
    }
  }

  async function start(groups: InboxGroup[], controllers: unknown[]): Promise<INestApplication> {
    @Module({ controllers: controllers as never[] })
    class HandlersModule {}
    const module = await Test.createTestingModule({ imports: [HandlersModule] }).compile();
    const app = module.createNestApplication({ logger: false });
    apps.push(app);
    await app.init();
    const transport = new InboxTransport({ kafka, db, schema, groups, logger: createLogger('inbox-transport-test', 'silent') });
    app.connectMicroservice<MicroserviceOptions>({ strategy: transport });
    await app.startAllMicroservices();
    return app;
  }

  const group = (topic: string): InboxGroup => ({ groupId: uniqueName('transport_group'), topics: [topic], retry: { attempts: 3, initialBackoffMs: 50, maxBackoffMs: 100 } });
  const notes = async (id: string) => (await db.query<{ txid: string }>(`SELECT txid::text FROM ${schema}.notes WHERE message_id = $1`, [id])).map((row) => row.txid);
  const deadLetters = async (topic: string) => (await listDeadLetters(kafka, { topics: [topic] }))[0].deadLetters;

  beforeAll(async () => {
    kafka = createKafka({ clientId: uniqueName('transport_test'), brokers: kafkaBrokers() });
    ({ db, schema, drop } = await testSchema('transport'));
    for (const statement of messagingDdl(schema)) await db.query(statement);
    await db.query(`CREATE TABLE ${schema}.notes (message_id uuid NOT NULL, txid xid8 NOT NULL)`);
    await ensureTopics(kafka, Object.values(topics), { partitions: 2 });
    client = await kafkaTestClient();
  });

  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  afterAll(async () => {
    await client?.close();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: Object.values(topics).flatMap((topic) => [topic, deadLetterTopic(topic)]) }).catch(() => undefined);
    await admin.disconnect();
    await drop?.();
  });

  it('hands each message to its @EventPattern method with an InboxContext, once, inside the inbox transaction', async () => {
    await start([group(topics.noted)], [NotingHandlers]);
    const message = check('note');
    await client.publish(topics.noted, [message, message]);

    await eventually(async () => ((await notes(message.id)).length > 0 ? true : undefined), 30_000, 'the note');
    expect(seen.get(message.id)).toEqual({ topic: topics.noted, context: 'InboxContext' });
    // The note and the inbox row were written by one transaction (xmin is the low 32 bits of the xid8).
    const together = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${schema}.notes n JOIN ${schema}.inbox i ON i.message_id = n.message_id
        WHERE n.message_id = $1 AND (n.txid::text::bigint % 4294967296)::text = i.xmin::text`,
      [message.id],
    );
    expect(together[0].n).toBe(1);
    const later = check('note');
    await client.publish(topics.noted, [later]);
    await eventually(async () => ((await notes(later.id)).length > 0 ? true : undefined), 30_000, 'the later note');
    expect(await notes(message.id)).toHaveLength(1);
  });

  it('gives the consumer what the handler threw: a refusal is dead-lettered with its code, a passing failure retried', async () => {
    await start([group(topics.noted)], [NotingHandlers]);
    const [refused, flaky] = [check('refuse'), check('fail-once')];
    await client.publish(topics.noted, [refused, flaky]);

    await eventually(async () => ((await notes(flaky.id)).length > 0 ? true : undefined), 30_000, 'the flaky message applied on its retry');
    const letters = await eventually(async () => {
      const found = (await deadLetters(topics.noted)).filter((letter) => letter.messageId === refused.id);
      return found.length > 0 ? found : undefined;
    }, 30_000, 'the refused message dead-lettered');
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ errorCode: 'TEST.REFUSED' });
    // Rolled back with its transaction: the refusal's write is not kept.
    expect(await notes(refused.id)).toEqual([]);
  });

  it('still fails a message whose controller lacks the filter, as an Error naming the topic', async () => {
    await start([group(topics.bare)], [BareHandlers]);
    const message = check('bare');
    await client.publish(topics.bare, [message]);

    const letters = await eventually(async () => {
      const found = (await deadLetters(topics.bare)).filter((letter) => letter.messageId === message.id);
      return found.length > 0 ? found : undefined;
    }, 60_000, 'the message dead-lettered after its attempts');
    expect(letters[0].error).toContain(`handler for ${topics.bare} failed`);
  });

  it('refuses to start when a group reads a topic no @EventPattern handles, or a handler is in no group', async () => {
    await expect(start([group(topics.unhandled)], [NotingHandlers])).rejects.toThrow(
      `inbox transport: @EventPattern('${topics.noted}') is in no consumer group; group `,
    );
  });
});
