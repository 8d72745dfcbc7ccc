import { randomUUID } from 'node:crypto';
import { PgDatabase, Sql } from '@payments/persistence';
import { eventually, testSchema } from '@payments/testing';
import { eventStoreDdl } from './event-store.sql';
import { START, StoredEvent } from './event-store.types';
import { PostgresEventStore } from './postgres.event-store';
import { ProjectionRunner } from './projection.runner';
import { Projection } from './projection.types';

/** Totals per stream, plus a log of every application so a double apply shows. */
class StreamTotalsProjection implements Projection {
  readonly name = 'stream_totals';
  /** Runs before each event is applied; a test may throw or wait in it. */
  beforeHandle: (event: StoredEvent) => Promise<void> = async () => undefined;

  constructor(private readonly schema: string) {}

  async handle(sql: Sql, event: StoredEvent): Promise<void> {
    await this.beforeHandle(event);
    await sql.query(`INSERT INTO ${this.schema}.applications (event_id) VALUES ($1)`, [event.eventId]);
    await sql.query(
      `INSERT INTO ${this.schema}.stream_totals (stream_id, total, events) VALUES ($1, $2, 1)
       ON CONFLICT (stream_id) DO UPDATE SET total = stream_totals.total + excluded.total, events = stream_totals.events + 1`,
      [event.streamId, event.data.amount],
    );
  }

  async reset(sql: Sql): Promise<void> {
    await sql.query(`DELETE FROM ${this.schema}.applications`);
    await sql.query(`DELETE FROM ${this.schema}.stream_totals`);
  }
}

describe('ProjectionRunner', () => {
  let db: PgDatabase;
  let schema: string;
  let drop: () => Promise<void>;
  let store: PostgresEventStore;
  let projection: StreamTotalsProjection;
  const runners: ProjectionRunner[] = [];

  const runner = (batchSize = 100) => {
    const created = new ProjectionRunner({ db, schema, store, projection, batchSize, pollIntervalMs: 20 });
    runners.push(created);
    return created;
  };

  /** Appends `amounts` to `streams` round-robin, one transaction per event, and waits until all are settled. */
  async function appendSettled(streams: string[], amounts: number[]): Promise<StoredEvent[]> {
    const versions = new Map<string, number>();
    for (const [index, amount] of amounts.entries()) {
      const streamId = streams[index % streams.length];
      const version = versions.get(streamId) ?? 0;
      await db.transaction((sql) => store.append(sql, streamId, version, [{ type: 'Paid', data: { amount } }]));
      versions.set(streamId, version + 1);
    }
    // Another session's open transaction may hold the events back for a moment.
    return eventually(async () => {
      const events = await store.readAll(db, START, amounts.length + 1);
      return events.length === amounts.length ? events : undefined;
    });
  }

  const totals = () =>
    db.query<{ stream_id: string; total: number; events: number }>(`SELECT stream_id, total::int, events FROM ${schema}.stream_totals ORDER BY stream_id`);
  const applications = async () =>
    (await db.query<{ all: number; distinct: number }>(
      `SELECT count(*)::int AS all, count(DISTINCT event_id)::int AS distinct FROM ${schema}.applications`,
    ))[0];
  const checkpoint = async () =>
    (await db.query<{ transaction_id: string; global_position: string }>(
      `SELECT transaction_id::text, global_position::text FROM ${schema}.projection_checkpoints WHERE projection_name = $1`,
      [projection.name],
    ))[0];

  beforeEach(async () => {
    const test = await testSchema('es_proj');
    ({ db, schema, drop } = test);
    for (const statement of eventStoreDdl(schema)) await db.query(statement);
    await db.query(`CREATE TABLE ${schema}.stream_totals (stream_id text PRIMARY KEY, total bigint NOT NULL, events int NOT NULL)`);
    await db.query(`CREATE TABLE ${schema}.applications (event_id uuid NOT NULL)`);
    store = new PostgresEventStore(schema);
    projection = new StreamTotalsProjection(schema);
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await drop();
  });

  it('commits the read model and the checkpoint of the last event applied together', async () => {
    const events = await appendSettled(['a', 'b'], [10, 20, 30, 40, 50]);

    const applied = await runner(2).catchUp();

    expect(applied).toBe(5);
    expect(await totals()).toEqual([
      { stream_id: 'a', total: 90, events: 3 },
      { stream_id: 'b', total: 60, events: 2 },
    ]);
    const last = events[events.length - 1];
    expect(await checkpoint()).toEqual({ transaction_id: last.transactionId, global_position: last.globalPosition });
    expect(await runner().catchUp()).toBe(0);
  });

  it('advances neither the read model nor the checkpoint when handle() throws mid-batch', async () => {
    const events = await appendSettled(['a'], [1, 2, 3, 4, 5]);
    projection.beforeHandle = async (event) => {
      if (event.eventId === events[3].eventId) throw new Error('projection bug');
    };

    // Batch 1 (events 0-1) commits; batch 2 fails on event 3 after applying event 2.
    await expect(runner(2).catchUp()).rejects.toThrow('projection bug');

    expect(await totals()).toEqual([{ stream_id: 'a', total: 3, events: 2 }]);
    expect(await checkpoint()).toEqual({ transaction_id: events[1].transactionId, global_position: events[1].globalPosition });
    projection.beforeHandle = async () => undefined;
    expect(await runner(2).catchUp()).toBe(3);
    expect(await totals()).toEqual([{ stream_id: 'a', total: 15, events: 5 }]);
    expect(await applications()).toEqual({ all: 5, distinct: 5 });
  });

  it('rebuilds from position 0 to the same read model', async () => {
    await appendSettled(['a', 'b', 'c'], [5, 6, 7, 8, 9, 10, 11]);
    await runner(3).catchUp();
    const before = await totals();

    const applied = await runner(3).rebuild();

    expect(applied).toBe(7);
    expect(await totals()).toEqual(before);
    expect(await applications()).toEqual({ all: 7, distinct: 7 });
  });

  it('lets another instance skip its round while one instance holds the projection', async () => {
    await appendSettled(['a'], [1, 2, 3]);
    let enter: () => void = () => undefined;
    const entered = new Promise<void>((resolve) => (enter = resolve));
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    projection.beforeHandle = async () => {
      enter();
      await released;
    };

    const holder = runner().catchUp();
    await entered;
    const skipped = await runner().catchUp();
    release();

    expect(skipped).toBe(0);
    expect(await holder).toBe(3);
    expect(await applications()).toEqual({ all: 3, distinct: 3 });
  });

  it('never applies an event twice when two instances race on one projection', async () => {
    const amounts = Array.from({ length: 60 }, (_, i) => i + 1);
    await appendSettled(['a', 'b', 'c', 'd'], amounts);
    const [first, second] = [runner(4), runner(4)];
    let applied = 0;
    let failed = false;

    const race = async (instance: ProjectionRunner) => {
      try {
        while (applied < amounts.length && !failed) {
          const count = await instance.catchUp();
          applied += count;
        }
      } catch (error) {
        failed = true;
        throw error;
      }
    };
    await Promise.all([race(first), race(second)]);

    expect(applied).toBe(60);
    expect(await applications()).toEqual({ all: 60, distinct: 60 });
    const sum = (await totals()).reduce((acc, row) => acc + row.total, 0);
    expect(sum).toBe(amounts.reduce((a, b) => a + b, 0));
  });

  it('polls in the background after start() until stop()', async () => {
    const polling = runner(10);
    await polling.start();
    const streamId = `order-${randomUUID()}`;

    await db.transaction((sql) => store.append(sql, streamId, 0, [{ type: 'Paid', data: { amount: 42 } }]));

    await eventually(async () => ((await totals()).length === 1 ? true : undefined));
    await polling.stop();
    expect(await totals()).toEqual([{ stream_id: streamId, total: 42, events: 1 }]);
  });
});
