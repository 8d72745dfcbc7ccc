import { QueryRunner } from 'typeorm';
import { PgDatabase } from '@payments/persistence';
import { TestDatabase, testDatabase } from '@payments/testing';
import { GatewayRateLimits1732800000000 } from '../migrations/1732800000000-gateway-rate-limits';
import { PostgresThrottlerStorage } from './postgres-throttler.storage';

/** Long windows, so that no test straddles a window boundary. */
const DAY_MS = 24 * 60 * 60 * 1000;

describe('rate-limit counters in PostgreSQL, shared by gateway replicas', () => {
  let database: TestDatabase;
  let db: PgDatabase;

  beforeAll(async () => {
    database = await testDatabase('gateway_rate_limits');
    db = new PgDatabase({ connectionString: database.url, max: 4 });
    await db.query(`CREATE SCHEMA gateway`);
    await new GatewayRateLimits1732800000000().up({ query: (sql: string) => db.query(sql) } as unknown as QueryRunner);
  });

  afterAll(async () => {
    await db?.pool.end();
    await database?.drop();
  });

  it('counts the hits of two replicas against one limit, and blocks the caller once past it until the window ends', async () => {
    const [replicaA, replicaB] = [new PostgresThrottlerStorage(db), new PostgresThrottlerStorage(db)];
    const hits = [];
    for (let i = 0; i < 3; i += 1) {
      hits.push(await replicaA.increment('user-1', DAY_MS, 5, DAY_MS, 'user'));
      hits.push(await replicaB.increment('user-1', DAY_MS, 5, DAY_MS, 'user'));
    }
    expect(hits.map((hit) => hit.totalHits)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(hits.map((hit) => hit.isBlocked)).toEqual([false, false, false, false, false, true]);
    const blocked = hits[5];
    expect(blocked.timeToBlockExpire).toBeGreaterThanOrEqual(1);
    expect(blocked.timeToBlockExpire).toBeLessThanOrEqual(24 * 60 * 60);
    expect(blocked.timeToExpire).toBe(blocked.timeToBlockExpire);
  });

  it('keeps buckets apart: other callers, and the per-address throttler, count on their own', async () => {
    const storage = new PostgresThrottlerStorage(db);
    expect((await storage.increment('user-2', DAY_MS, 1, DAY_MS, 'user')).isBlocked).toBe(false);
    expect((await storage.increment('user-3', DAY_MS, 1, DAY_MS, 'user')).isBlocked).toBe(false);
    expect((await storage.increment('user-2', DAY_MS, 1, DAY_MS, 'ip')).isBlocked).toBe(false);
    expect((await storage.increment('user-2', DAY_MS, 1, DAY_MS, 'user')).isBlocked).toBe(true);
  });

  it('reads a bucket without counting a hit, as the coupon-failure limit does before it lets a code be tried', async () => {
    const storage = new PostgresThrottlerStorage(db);
    expect(await storage.count('user-6', DAY_MS, 'coupon-failures')).toMatchObject({ hits: 0, previousHits: 0 });
    await storage.increment('user-6', DAY_MS, 10, DAY_MS, 'coupon-failures');
    await storage.increment('user-6', DAY_MS, 10, DAY_MS, 'coupon-failures');
    const counted = await storage.count('user-6', DAY_MS, 'coupon-failures');
    expect(counted).toMatchObject({ hits: 2, previousHits: 0 });
    expect(counted.elapsed).toBeGreaterThanOrEqual(0);
    expect(counted.elapsed).toBeLessThan(1);
    expect(await storage.count('user-6', DAY_MS, 'coupon-failures')).toMatchObject({ hits: 2 });
    expect(await storage.count('user-6', DAY_MS, 'user')).toMatchObject({ hits: 0 });
  });

  it('counts a hit of the previous window whole while any of that window still lies within reach', async () => {
    const storage = new PostgresThrottlerStorage(db);
    // One hit in the day just ended; however far into today, it weighs more than nothing, so rounds up to 1.
    await db.query(
      `INSERT INTO gateway.rate_limit_windows (bucket, window_start, window_end, hits)
       SELECT 'coupon-failures:user-7', today - interval '1 day', today, 1
         FROM (SELECT to_timestamp(floor(extract(epoch FROM clock_timestamp()) * 1000 / $1) * $1 / 1000.0) AS today) t`,
      [DAY_MS],
    );
    expect(await storage.reserve('user-7', DAY_MS, 2, 'coupon-failures')).not.toBeNull();
    expect(await storage.reserve('user-7', DAY_MS, 2, 'coupon-failures')).toBeNull();
  });

  it('forgets hits once a whole window has passed without them', async () => {
    const storage = new PostgresThrottlerStorage(db);
    const windowMs = 500;
    expect((await storage.increment('user-4', windowMs, 1, windowMs, 'user')).totalHits).toBe(1);
    expect((await storage.increment('user-4', windowMs, 1, windowMs, 'user')).isBlocked).toBe(true);
    // Two window lengths later, neither the window of those hits nor the one after it counts.
    await new Promise((resolve) => setTimeout(resolve, 2 * windowMs + 50));
    expect(await storage.increment('user-4', windowMs, 1, windowMs, 'user')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('sweeps windows that ended long ago', async () => {
    await db.query(`INSERT INTO gateway.rate_limit_windows VALUES ('user:old', now() - interval '3 hours', now() - interval '2 hours', 7)`);
    await new PostgresThrottlerStorage(db, () => 0).increment('user-5', DAY_MS, 10, DAY_MS, 'user');
    const rows = await db.query(`SELECT bucket FROM gateway.rate_limit_windows WHERE bucket = 'user:old'`);
    expect(rows).toEqual([]);
  });
});
