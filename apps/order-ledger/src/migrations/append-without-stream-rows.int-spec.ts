import { randomUUID } from 'node:crypto';
import { QueryRunner } from 'typeorm';
import { PostgresEventStore, eventStoreDdl } from '@payments/event-store';
import { PgDatabase } from '@payments/persistence';
import { TestDatabase, testDatabase } from '@payments/testing';
import { AppendWithoutStreamRows1733500000000 } from './1733500000000-append-without-stream-rows';

/** A database whose event store an earlier release made: with the per-stream version rows. */
describe('order-ledger migration: appends without stream rows', () => {
  let database: TestDatabase;
  let db: PgDatabase;
  const migration = new AppendWithoutStreamRows1733500000000();
  const runner = () => ({ query: (text: string) => db.query(text) }) as unknown as QueryRunner;
  const store = new PostgresEventStore('order_ledger');

  beforeAll(async () => {
    database = await testDatabase('append_migration');
    db = new PgDatabase({ connectionString: database.url, max: 4 });
    await db.query('CREATE SCHEMA order_ledger');
    for (const statement of eventStoreDdl('order_ledger')) await db.query(statement);
    await db.query(`CREATE TABLE order_ledger.streams (stream_id text PRIMARY KEY, version integer NOT NULL CHECK (version >= 0))`);
  });

  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  const tableExists = async () => (await db.query<{ name: string | null }>(`SELECT to_regclass('order_ledger.streams')::text AS name`))[0].name !== null;

  it('drops the stream rows, appends go on from the events, and down rebuilds the rows from them', async () => {
    const streamId = `order-${randomUUID()}`;
    await db.transaction((sql) => store.append(sql, streamId, 0, [{ type: 'OrderPlaced', data: {} }, { type: 'OrderPaid', data: {} }]));

    await migration.up(runner());
    expect(await tableExists()).toBe(false);
    await db.transaction((sql) => store.append(sql, streamId, 2, [{ type: 'RefundRequested', data: {} }]));
    await expect(db.transaction((sql) => store.append(sql, streamId, 2, [{ type: 'RefundRequested', data: {} }]))).rejects.toMatchObject({ actualVersion: 3 });

    await migration.down(runner());
    expect(await db.query(`SELECT stream_id, version FROM order_ledger.streams`)).toEqual([{ stream_id: streamId, version: 3 }]);
  });
});
