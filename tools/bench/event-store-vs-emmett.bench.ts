// Our event store beside Emmett's PostgreSQL event store (a dev dependency, for this comparison only),
// on the same PostgreSQL, in one run; prints figures, asserts nothing.
//   node -r @swc-node/register tools/bench/event-store-vs-emmett.bench.ts [--appends 2000]
// (also part of `npm run bench`). Each store gets a fresh database and a pool of 16 connections.
// The same work for both: single-event appends to new streams, each in its own transaction, from
// 1, 4 and 16 concurrent writers; then a catch-up read of everything from the start in batches of 500.
import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import { dumbo } from '@event-driven-io/dumbo';
import { PostgresEventStore, START, eventStoreDdl } from '@payments/event-store';
import { PgDatabase, databaseUrl } from '@payments/persistence';
import { uniqueName } from '@payments/testing';

const WRITERS = [1, 4, 16] as const;
const POOL = 16;

interface Figures {
  appendsPerSecond: Map<number, number>;
  catchUpPerSecond: number;
}

interface Store {
  append(stream: string, i: number): Promise<void>;
  /** Reads everything from the start; resolves to how many events. */
  catchUp(): Promise<number>;
  close(): Promise<void>;
}

async function withDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: databaseUrl() });
  await admin.connect();
  const name = uniqueName('bench_es');
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(databaseUrl());
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function ours(url: string): Promise<Store> {
  const db = new PgDatabase({ connectionString: url, max: POOL });
  await db.query('CREATE SCHEMA bench');
  for (const statement of eventStoreDdl('bench')) await db.query(statement);
  const store = new PostgresEventStore('bench');
  return {
    append: async (stream, i) => {
      await db.transaction((sql) => store.append(sql, stream, 0, [{ type: 'BenchEvent', data: { i } }]));
    },
    catchUp: async () => {
      let checkpoint = START;
      let total = 0;
      for (;;) {
        const batch = await store.readAll(db, checkpoint, 500);
        if (batch.length === 0) return total;
        total += batch.length;
        const last = batch[batch.length - 1];
        checkpoint = { transactionId: last.transactionId, globalPosition: last.globalPosition };
      }
    },
    close: () => db.close(),
  };
}

async function emmett(url: string): Promise<Store> {
  const pool = new Pool({ connectionString: url, max: POOL });
  // DROP DATABASE ... WITH (FORCE) afterwards ends whatever connection Emmett's pools still hold.
  pool.on('error', () => undefined);
  const store = getPostgreSQLEventStore(url, { connectionOptions: { pool } });
  const reader = dumbo({ connectionString: url, pool });
  return {
    append: async (stream, i) => {
      await store.appendToStream(stream, [{ type: 'BenchEvent', data: { i } }], { expectedStreamVersion: 'STREAM_DOES_NOT_EXIST' });
    },
    catchUp: async () => {
      let after = 0n;
      let total = 0;
      for (;;) {
        const batch = await readMessagesBatch(reader.execute, { after, batchSize: 500 });
        total += batch.messages.length;
        if (batch.messages.length === 0 || !batch.areMessagesLeft) return total;
        after = batch.currentGlobalPosition;
      }
    },
    close: async () => {
      await reader.close().catch(() => undefined);
      await store.close().catch(() => undefined);
      await pool.end().catch(() => undefined);
    },
  };
}

async function measure(open: (url: string) => Promise<Store>, appends: number): Promise<Figures> {
  return withDatabase(async (url) => {
    const store = await open(url);
    try {
      await store.append(`warm-${randomUUID()}`, 0); // schema created on first use (Emmett), connections, JIT
      const appendsPerSecond = new Map<number, number>();
      for (const writers of WRITERS) {
        const perWriter = Math.ceil(appends / writers);
        const started = performance.now();
        await Promise.all(Array.from({ length: writers }, async (_, w) => {
          for (let i = 0; i < perWriter; i += 1) await store.append(`bench-${w}-${randomUUID()}`, i);
        }));
        appendsPerSecond.set(writers, (writers * perWriter * 1000) / (performance.now() - started));
      }
      const started = performance.now();
      const read = await store.catchUp();
      return { appendsPerSecond, catchUpPerSecond: (read * 1000) / (performance.now() - started) };
    } finally {
      await store.close();
    }
  });
}

export async function eventStoreComparison(appends = 2_000): Promise<void> {
  const mine = await measure(ours, appends);
  const theirs = await measure(emmett, appends);
  for (const writers of WRITERS) {
    const a = mine.appendsPerSecond.get(writers) as number;
    const b = theirs.appendsPerSecond.get(writers) as number;
    console.log(`event-store vs Emmett  append writers=${String(writers).padStart(2)}  ours ${Math.round(a)}/s, Emmett ${Math.round(b)}/s = ${(a / b).toFixed(2)}x`);
  }
  console.log(`event-store vs Emmett  catch-up  ours ${Math.round(mine.catchUpPerSecond)} events/s, Emmett ${Math.round(theirs.catchUpPerSecond)} events/s = ${(mine.catchUpPerSecond / theirs.catchUpPerSecond).toFixed(2)}x`);
}

if (require.main === module) {
  const index = process.argv.indexOf('--appends');
  eventStoreComparison(index >= 0 ? Number(process.argv[index + 1]) : undefined).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
