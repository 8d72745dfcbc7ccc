import { QueryRunner } from 'typeorm';
import { PgDatabase } from '@payments/persistence';
import { DEV_SECRETS, TestDatabase, testDatabase } from '@payments/testing';
import { loadGatewayConfig } from '../gateway.config';
import { GatewayError } from '../gateway.error';
import { GatewayRateLimits1732800000000 } from '../migrations/1732800000000-gateway-rate-limits';
import { GatewayRateLimitRelease1733200000000 } from '../migrations/1733200000000-gateway-rate-limit-release';
import { CouponCaller, CouponFailureLimiter } from './coupon-failure.limiter';

const PER_USER = 3;
const PER_IP = 5;

describe('the coupon-failure limit under concurrent lookups, in PostgreSQL', () => {
  let database: TestDatabase;
  let db: PgDatabase;
  let limiter: CouponFailureLimiter;
  let callers = 0;
  /** A user of their own, from `address` or an address of their own. */
  const newCaller = (address?: string): CouponCaller => {
    callers += 1;
    return { userId: `user-${callers}`, address: address ?? `10.0.0.${callers}` };
  };

  beforeAll(async () => {
    database = await testDatabase('gateway_coupon_limit');
    db = new PgDatabase({ connectionString: database.url, max: 12 });
    await db.query(`CREATE SCHEMA gateway`);
    const runner = { query: (sql: string) => db.query(sql) } as unknown as QueryRunner;
    await new GatewayRateLimits1732800000000().up(runner);
    await new GatewayRateLimitRelease1733200000000().up(runner);
    const config = loadGatewayConfig({
      JWT_SECRET: DEV_SECRETS.JWT_SECRET, RATE_LIMIT_COUPON_FAILURES_PER_MINUTE: String(PER_USER), RATE_LIMIT_COUPON_FAILURES_PER_IP_PER_MINUTE: String(PER_IP),
    });
    limiter = new CouponFailureLimiter(db, config);
  });

  afterAll(async () => {
    await db?.pool.end();
    await database?.drop();
  });

  /** Begins `count` lookups at once for `who`; how many were let through, and the 429s of the others. */
  async function raceFor(who: () => CouponCaller, count: number) {
    const results = await Promise.allSettled(Array.from({ length: count }, () => limiter.begin(who())));
    const through = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
    return { through, refused };
  }

  it('lets only as many of 12 simultaneous lookups of one user through as the limit has slots, and counts each one that fails', async () => {
    const user = newCaller();
    const { through, refused } = await raceFor(() => ({ ...user, address: newCaller().address }), 12);
    expect(through).toHaveLength(PER_USER);
    expect(refused).toHaveLength(12 - PER_USER);
    for (const error of refused) {
      expect(error).toBeInstanceOf(GatewayError);
      expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
      expect((error as GatewayError).retryAfterSeconds).toBeGreaterThan(0);
    }
    await Promise.all(through.map((attempt) => limiter.settle(attempt, { refused: true })));
    await expect(limiter.begin(user)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('holds the per-address limit against many users racing from one address', async () => {
    const address = newCaller().address;
    const { through, refused } = await raceFor(() => newCaller(address), 12);
    expect(through).toHaveLength(PER_IP);
    expect(refused).toHaveLength(12 - PER_IP);
  });

  it('gives the slot back when the coupon was not refused, so valid coupons never use up the limit', async () => {
    const user = newCaller();
    for (let i = 0; i < PER_USER * 3; i += 1) await limiter.settle(await limiter.begin(user), { refused: false });
    const { through } = await raceFor(() => user, PER_USER + 2);
    expect(through).toHaveLength(PER_USER);
  });

  it('gives back the slot of one limit when the other refused the lookup', async () => {
    const address = newCaller().address;
    const blocked = newCaller(address);
    for (let i = 0; i < PER_USER; i += 1) await limiter.settle(await limiter.begin(blocked), { refused: true });
    await expect(limiter.begin(blocked)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // The refused attempt above took no slot of the address: PER_IP - PER_USER remain for others.
    const { through } = await raceFor(() => newCaller(address), 6);
    expect(through).toHaveLength(PER_IP - PER_USER);
  });
});
