// Benchmarks on this machine's real PostgreSQL and Kafka; prints figures, asserts nothing.
//   npm run bench            (starts a throw-away broker on 127.0.0.1:19192 unless KAFKA_BROKERS is set)
// Figures: event-store appends/s at 1, 4 and 16 concurrent writers and catch-up reads events/s, beside
// Emmett's PostgreSQL event store doing the same (tools/bench/event-store-vs-emmett.bench.ts, also runnable alone);
// outbox -> Kafka -> inbox messages/s with the effect applied once; event-loop time of redacting
// 16/64/256 KiB webhooks (tools/bench/redaction.bench.ts, also runnable alone); webhook-ingest's
// event-loop time to verify, redact and store a signed 16/64/256 KiB event, with /health/live
// asked meanwhile (tools/bench/webhook-ingest.bench.ts, also runnable alone); the six apps under load beside
// PostgreSQL's commit ceiling: checkout through the gateway, webhook -> entitlement-granted at 20, 50 and 100/s with
// commits per webhook, and each app's memory (tools/bench/system-flow.bench.ts, also runnable alone).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { InboxConsumer, OutboxRelay, createKafka, enqueueOutbox, ensureTopics, messagingDdl } from '@payments/messaging';
import { OrderPlaced, buildMessage } from '@payments/contracts';
import { PgDatabase, databaseUrl } from '@payments/persistence';
import { eventStoreComparison } from './event-store-vs-emmett.bench';
import { redactionBench } from './redaction.bench';
import { systemFlowBench } from './system-flow.bench';
import { webhookIngestBench } from './webhook-ingest.bench';

const ROOT = join(__dirname, '..', '..');
const seconds = (ms: number) => (ms / 1000).toFixed(2);

async function pipelineBench(db: PgDatabase, schema: string, brokers: string[], count: number): Promise<void> {
  const kafka = createKafka({ clientId: 'bench', brokers });
  const topic = `bench.orders.${randomUUID().slice(0, 8)}`;
  await ensureTopics(kafka, [topic], { partitions: 6 });
  for (const statement of messagingDdl(schema)) await db.query(statement);
  await db.query(`CREATE TABLE ${schema}.effects (message_id uuid PRIMARY KEY)`);
  const lines = [{ productId: 'course-a', kind: 'course' as const, quantity: 1, unitAmountMinor: 1000 }];
  const breakdown = { subtotalMinor: 1000, discountMinor: 0, taxMinor: 0, totalMinor: 1000 };
  for (let offset = 0; offset < count; offset += 500) {
    await db.transaction((sql) =>
      enqueueOutbox(sql, schema, Array.from({ length: Math.min(500, count - offset) }, () => {
        const orderId = randomUUID();
        const envelope = buildMessage(OrderPlaced, {
          key: orderId, origin: { correlationId: 'bench' }, occurredAt: new Date(),
          payload: { orderId, userId: 'bench', lines, amountMinor: 1000, currency: 'USD', breakdown, provider: 'stripe', placedAt: new Date().toISOString() },
        });
        return { topic, envelope };
      })),
    );
  }
  const started = Date.now();
  const relay = new OutboxRelay({ db, schema, kafka, batchSize: 500, pollIntervalMs: 20 });
  const consumer = new InboxConsumer({
    kafka, db, schema, groupId: `bench-${randomUUID()}`, topics: [topic], fromBeginning: true,
    handler: async (envelope, { sql }) => {
      await sql.query(`INSERT INTO ${schema}.effects (message_id) VALUES ($1)`, [envelope.id]);
    },
  });
  await consumer.start();
  await relay.start();
  for (;;) {
    const [{ n }] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.effects`);
    if (Number(n) >= count) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const elapsed = Date.now() - started;
  await relay.stop();
  await consumer.stop();
  console.log(`outbox->kafka->inbox ${count} messages applied once in ${seconds(elapsed)} s = ${Math.round((count * 1000) / elapsed)} messages/s (one consumer, one relay)`);
}

async function main(): Promise<void> {
  let brokers = process.env.KAFKA_BROKERS?.split(',');
  const env = { ...process.env, KAFKA_PORT: '19192', KAFKA_FRESH: '1', KAFKA_RUN_DIR: '/tmp/course-payments-bench-kafka' };
  if (!brokers) {
    execFileSync('bash', [join(ROOT, 'scripts', 'kafka.sh'), 'start'], { env, stdio: 'inherit' });
    brokers = ['127.0.0.1:19192'];
  }
  const db = new PgDatabase({ connectionString: databaseUrl(), max: 20 });
  const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  try {
    await db.query(`CREATE SCHEMA ${schema}`);
    console.log(`PostgreSQL ${databaseUrl()}, Kafka ${brokers.join(',')}, ${new Date().toISOString()}`);
    await eventStoreComparison();
    await pipelineBench(db, schema, brokers, 5000);
    redactionBench();
    await webhookIngestBench(brokers);
    await systemFlowBench(brokers, { rates: [20, 50, 100], seconds: 8, portBase: 17000 });
  } finally {
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
    if (!process.env.KAFKA_BROKERS) execFileSync('bash', [join(ROOT, 'scripts', 'kafka.sh'), 'stop'], { env, stdio: 'inherit' });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
