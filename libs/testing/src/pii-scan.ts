import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { eventually, uniqueName } from './infra';
import { PiiCanary, PiiHit, findPii } from './pii-canaries';

export * from './pii-canaries';

/** What a scan found, and how much it read (rows, messages or lines), so that an empty scan is told apart from a clean one. */
export interface PiiScan {
  readonly hits: PiiHit[];
  readonly scanned: number;
}

/** What the database scan needs of a connection (a `pg` Client or Pool). */
export interface QueryClient {
  query(sql: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

const quoted = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** Every table of every schema of the connected database (system schemas aside), each row cast to text. */
export async function scanDatabaseForPii(db: QueryClient, canaries: readonly PiiCanary[]): Promise<PiiScan> {
  const { rows: tables } = await db.query(
    `SELECT table_schema, table_name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg\\_toast%'
      ORDER BY table_schema, table_name`,
  );
  const hits: PiiHit[] = [];
  let scanned = 0;
  for (const { table_schema: schema, table_name: table } of tables as { table_schema: string; table_name: string }[]) {
    const { rows } = await db.query(`SELECT t::text AS row FROM ${quoted(schema)}.${quoted(table)} t`);
    for (const { row } of rows) hits.push(...findPii(String(row), canaries, `table ${schema}.${table}`));
    scanned += rows.length;
  }
  return { hits, scanned };
}

/** The text of a Kafka message: key, value and header values. */
function messageText(message: { key: Buffer | null; value: Buffer | null; headers?: Record<string, unknown> }): string {
  const headers = Object.values(message.headers ?? {}).flat().map((value) => String(value));
  return [message.key?.toString('utf8') ?? '', message.value?.toString('utf8') ?? '', ...headers].join('\n');
}

/**
 * Every message of every topic on the broker (internal `__` topics aside, dead-letter topics
 * included), read from the beginning by a consumer group of its own up to the end each partition
 * had when the scan began.
 */
export async function scanKafkaForPii(brokers: string[], canaries: readonly PiiCanary[], timeoutMs = 60_000): Promise<PiiScan> {
  const kafka = new Kafka({ clientId: uniqueName('pii_scan'), brokers, logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  await admin.connect();
  const consumer = kafka.consumer({ groupId: uniqueName('pii_scan'), maxWaitTimeInMs: 250 });
  try {
    const topics = (await admin.listTopics()).filter((topic) => !topic.startsWith('__'));
    const remaining = new Map<string, bigint>();
    for (const topic of topics) {
      for (const { partition, high, low } of await eventually(() => admin.fetchTopicOffsets(topic), 15_000, `the offsets of ${topic}`)) {
        if (BigInt(high) > BigInt(low)) remaining.set(`${topic}/${partition}`, BigInt(high));
      }
    }
    const hits: PiiHit[] = [];
    let scanned = 0;
    if (remaining.size === 0) return { hits, scanned };
    await consumer.connect();
    await consumer.subscribe({ topics: [...new Set([...remaining.keys()].map((key) => key.slice(0, key.lastIndexOf('/'))))], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const key = `${topic}/${partition}`;
        const end = remaining.get(key);
        if (end === undefined) return;
        hits.push(...findPii(messageText(message), canaries, `topic ${topic} partition ${partition} offset ${message.offset}`));
        scanned += 1;
        if (BigInt(message.offset) + 1n >= end) remaining.delete(key);
      },
    });
    await eventually(async () => (remaining.size === 0 ? true : undefined), timeoutMs, `the scan to read every topic to its end (${[...remaining.keys()].join(', ')} left)`);
    return { hits, scanned };
  } finally {
    await consumer.disconnect();
    await admin.disconnect();
  }
}

async function filesUnder(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  const entries = await readdir(path);
  return (await Promise.all(entries.map((entry) => filesUnder(join(path, entry))))).flat();
}

/** Every line of every file at `paths` (directories read recursively). */
export async function scanFilesForPii(paths: readonly string[], canaries: readonly PiiCanary[]): Promise<PiiScan> {
  const files = [...new Set((await Promise.all(paths.map(filesUnder))).flat())].sort();
  const hits: PiiHit[] = [];
  let scanned = 0;
  for (const file of files) {
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines.forEach((line, index) => hits.push(...findPii(line, canaries, `${file}:${index + 1}`)));
    scanned += lines.length;
  }
  return { hits, scanned };
}
