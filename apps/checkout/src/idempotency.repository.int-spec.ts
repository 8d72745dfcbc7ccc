import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ensureSchema } from '@payments/nest-runtime';
import { Database, typeOrmDatabase } from '@payments/persistence';
import { TestDatabase, testDatabase } from '@payments/testing';
import { IdempotencyRepository, IdempotentRequest } from './idempotency.repository';
import { CheckoutInit1732300000000 } from './migrations/1732300000000-checkout-init';
import { CheckoutKeyGenerations1732600000000 } from './migrations/1732600000000-checkout-key-generations';

const HOUR_MS = 60 * 60 * 1000;
const TTL_MS = 24 * HOUR_MS;
const t0 = new Date('2026-01-01T00:00:00Z');
const at = (hours: number) => new Date(t0.getTime() + hours * HOUR_MS);
const options = (now: Date) => ({ now, ttlMs: TTL_MS, inFlightWaitMs: 200 });
const created = { statusCode: 201, body: '{"orderId":"o-1"}' };

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => undefined as void;
  const promise = new Promise<void>((done) => { resolve = done; });
  return { promise, resolve };
}

describe('idempotency records in PostgreSQL, as the checkout transaction uses them', () => {
  const records = new IdempotencyRepository();
  let database: TestDatabase;
  let dataSource: DataSource;
  let db: Database;
  const requestOf = (requestHash = 'a'.repeat(64)): IdempotentRequest => ({ userId: `user-${randomUUID()}`, key: 'key-1', requestHash });
  const stateOf = async (request: IdempotentRequest) =>
    (await db.query<{ generation: number; response_body: string | null }>(
      `SELECT generation, response_body FROM checkout.idempotency_keys WHERE user_id = $1 AND idempotency_key = $2`, [request.userId, request.key],
    ))[0];

  beforeAll(async () => {
    database = await testDatabase('checkout_keys');
    await ensureSchema(database.url, 'checkout');
    dataSource = new DataSource({
      type: 'postgres', url: database.url, schema: 'checkout', migrationsTableName: 'migrations',
      migrations: [CheckoutInit1732300000000, CheckoutKeyGenerations1732600000000],
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
    db = typeOrmDatabase(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('claims a new key, stores the response, and replays it; another body under the key is refused', async () => {
    const request = requestOf();
    await db.transaction(async (sql) => {
      expect(await records.claim(sql, request, options(at(0)))).toEqual({ kind: 'new', generation: 0 });
      await records.complete(sql, request, created, null);
    });
    const replay = await db.transaction((sql) => records.claim(sql, request, options(at(1))));
    const reused = await db.transaction((sql) => records.claim(sql, { ...request, requestHash: 'b'.repeat(64) }, options(at(1))));

    expect(replay).toEqual({ kind: 'replay', response: created });
    expect(reused).toEqual({ kind: 'key_reused' });
  });

  it('tells a second request that the key is in flight after a short wait, and leaves its transaction usable', async () => {
    const request = requestOf();
    const firstClaimed = deferred();
    const finishFirst = deferred();
    const first = db.transaction(async (sql) => {
      await records.claim(sql, request, options(at(0)));
      firstClaimed.resolve();
      await finishFirst.promise;
      await records.complete(sql, request, created, null);
    });
    await firstClaimed.promise;

    const second = await db.transaction(async (sql) => {
      const lookup = await records.claim(sql, request, options(at(0)));
      await sql.query(`INSERT INTO checkout.tax_rules (currency, rate_basis_points, inclusive, label) VALUES ('CHF', 810, true, 'MWST')`);
      return lookup;
    });
    finishFirst.resolve();
    await first;

    expect(second).toEqual({ kind: 'in_flight' });
    expect(await db.query(`SELECT label FROM checkout.tax_rules WHERE currency = 'CHF'`)).toEqual([{ label: 'MWST' }]);
    expect(await db.transaction((sql) => records.claim(sql, request, options(at(0))))).toEqual({ kind: 'replay', response: created });
  });

  it('restores the transaction\'s own lock timeout once the key is claimed', async () => {
    const lockTimeout = await db.transaction(async (sql) => {
      await sql.query(`SET LOCAL lock_timeout = '7s'`);
      await records.claim(sql, requestOf(), options(at(0)));
      const [{ lock_timeout }] = await sql.query<{ lock_timeout: string }>(`SHOW lock_timeout`);
      await records.release(sql);
      return lock_timeout;
    });
    expect(lockTimeout).toBe('7s');
  });

  it('frees a key whose request failed validation, for a corrected request', async () => {
    const request = requestOf();
    await db.transaction(async (sql) => {
      await records.claim(sql, request, options(at(0)));
      await records.release(sql);
    });
    const corrected = await db.transaction((sql) => records.claim(sql, { ...request, requestHash: 'c'.repeat(64) }, options(at(0))));
    expect(corrected).toEqual({ kind: 'new', generation: 0 });
  });

  it('lets a key bind for 24 hours, then takes it up as the next generation', async () => {
    const request = requestOf();
    await db.transaction(async (sql) => {
      await records.claim(sql, request, options(at(0)));
      await records.complete(sql, request, created, null);
    });
    const justBefore = await db.transaction((sql) => records.claim(sql, { ...request, requestHash: 'd'.repeat(64) }, options(at(23.99))));
    const after = await db.transaction(async (sql) => {
      const lookup = await records.claim(sql, { ...request, requestHash: 'd'.repeat(64) }, options(at(24)));
      await records.complete(sql, request, { statusCode: 201, body: '{"orderId":"o-2"}' }, null);
      return lookup;
    });

    expect(justBefore).toEqual({ kind: 'key_reused' });
    expect(after).toEqual({ kind: 'new', generation: 1 });
    expect(await stateOf(request)).toEqual({ generation: 1, response_body: '{"orderId":"o-2"}' });
  });

  it('leaves an expired record as it was when the request taking it up fails validation', async () => {
    const request = requestOf();
    await db.transaction(async (sql) => {
      await records.claim(sql, request, options(at(0)));
      await records.complete(sql, request, created, null);
    });
    await db.transaction(async (sql) => {
      expect(await records.claim(sql, request, options(at(30)))).toEqual({ kind: 'new', generation: 1 });
      await records.release(sql);
    });

    expect(await stateOf(request)).toEqual({ generation: 0, response_body: created.body });
    // Redelivered, the same take-over derives the same generation, hence the same order id.
    const redelivered = await db.transaction(async (sql) => {
      const lookup = await records.claim(sql, request, options(at(30)));
      await records.release(sql);
      return lookup;
    });
    expect(redelivered).toEqual({ kind: 'new', generation: 1 });
  });
});
