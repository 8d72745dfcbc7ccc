import { ThrottlerStorage } from '@nestjs/throttler';
import { Database } from '@payments/persistence';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface WindowRow { hits: number; previous_hits: number; elapsed: string; seconds_left: string }

/** One bucket's hits now: this window's and the previous one's, and how far this window has run. */
export interface WindowCount {
  readonly hits: number;
  readonly previousHits: number;
  /** The share of this window already gone, from 0 to 1. */
  readonly elapsed: number;
}

/** A hit counted by `reserve`, until it is released. */
export interface ReservedSlot {
  readonly bucket: string;
  readonly windowStart: Date;
}

/** The current window of `$2` ms on the database clock: `now_` and its `window_start`. */
const CURRENT_WINDOW = `SELECT now_, to_timestamp(floor(extract(epoch FROM now_) * 1000 / $2) * $2 / 1000.0) AS window_start
           FROM (SELECT clock_timestamp() AS now_) t`;

/** How often (in increments, on average) a request also deletes windows that ended an hour ago. */
const SWEEP_EVERY = 500;

/**
 * Rate-limit counters in PostgreSQL, so N gateway replicas enforce one limit, not N times it.
 * Windows of `ttl` aligned on the database clock (one clock for every replica); one statement per
 * request and throttler counts the hit and reads the count. The count is a sliding-window estimate:
 * this window's hits plus the previous window's, weighted by how much of it still lies within
 * `ttl` of now, so a burst cannot double its allowance across a window boundary. A caller over the
 * limit is told to retry when the current window ends.
 */
export class PostgresThrottlerStorage implements ThrottlerStorage {
  constructor(
    private readonly db: Database,
    private readonly random: () => number = Math.random,
  ) {}

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const ttlMs = Math.max(1, Math.trunc(ttl));
    const [row] = await this.db.query<WindowRow>(
      `WITH bounds AS (
         ${CURRENT_WINDOW}
       ), counted AS (
         INSERT INTO gateway.rate_limit_windows AS w (bucket, window_start, window_end, hits)
         SELECT $1, window_start, window_start + make_interval(secs => $2 / 1000.0), 1 FROM bounds
         ON CONFLICT (bucket, window_start) DO UPDATE SET hits = w.hits + 1
         RETURNING w.hits, w.window_start, w.window_end
       )
       SELECT counted.hits,
              coalesce((SELECT p.hits FROM gateway.rate_limit_windows p
                         WHERE p.bucket = $1 AND p.window_start = counted.window_start - make_interval(secs => $2 / 1000.0)), 0) AS previous_hits,
              extract(epoch FROM (bounds.now_ - counted.window_start)) * 1000 / $2 AS elapsed,
              extract(epoch FROM (counted.window_end - bounds.now_)) AS seconds_left
         FROM counted, bounds`,
      [`${throttlerName}:${key}`, ttlMs],
    );
    if (this.random() * SWEEP_EVERY < 1) {
      await this.db.query(`DELETE FROM gateway.rate_limit_windows WHERE window_end < clock_timestamp() - interval '1 hour'`);
    }
    const totalHits = slidingCount(row.hits, row.previous_hits, Number(row.elapsed));
    const secondsLeft = Math.max(1, Math.ceil(Number(row.seconds_left)));
    const isBlocked = totalHits > limit;
    return { totalHits, timeToExpire: secondsLeft, isBlocked, timeToBlockExpire: isBlocked ? secondsLeft : 0 };
  }

  /**
   * Counts a hit only if the bucket's sliding count is still under `limit`, in one statement: the
   * conflicting row is locked while its condition is checked, so callers racing for the last slot
   * (on any replica) cannot all take it. Returns the window the hit was counted in, or null when
   * the limit is used up.
   */
  async reserve(key: string, ttl: number, limit: number, throttlerName: string): Promise<ReservedSlot | null> {
    const bucket = `${throttlerName}:${key}`;
    const rows = await this.db.query<{ window_start: Date }>(
      `WITH bounds AS (
         ${CURRENT_WINDOW}
       ), carried AS (
         SELECT window_start,
                ceil(coalesce((SELECT p.hits FROM gateway.rate_limit_windows p
                                 WHERE p.bucket = $1 AND p.window_start = bounds.window_start - make_interval(secs => $2 / 1000.0)), 0)
                      * (1 - least(1, extract(epoch FROM (now_ - window_start)) * 1000 / $2))) AS hits
           FROM bounds
       )
       INSERT INTO gateway.rate_limit_windows AS w (bucket, window_start, window_end, hits)
       SELECT $1, window_start, window_start + make_interval(secs => $2 / 1000.0), 1 FROM carried WHERE carried.hits < $3
       ON CONFLICT (bucket, window_start) DO UPDATE SET hits = w.hits + 1
         WHERE w.hits + (SELECT hits FROM carried) < $3
       RETURNING w.window_start`,
      [bucket, Math.max(1, Math.trunc(ttl)), limit],
    );
    return rows.length === 0 ? null : { bucket, windowStart: rows[0].window_start };
  }

  /** Gives back a slot `reserve` counted, in whichever window it was counted. */
  async release(slot: ReservedSlot): Promise<void> {
    await this.db.query(`UPDATE gateway.rate_limit_windows SET hits = hits - 1 WHERE bucket = $1 AND window_start = $2 AND hits > 0`, [
      slot.bucket, slot.windowStart,
    ]);
  }

  /** The count of `key` in `throttlerName`'s bucket now, without adding a hit. */
  async count(key: string, ttl: number, throttlerName: string): Promise<WindowCount> {
    const [row] = await this.db.query<Omit<WindowRow, 'seconds_left'>>(
      `WITH bounds AS (${CURRENT_WINDOW})
       SELECT coalesce((SELECT w.hits FROM gateway.rate_limit_windows w WHERE w.bucket = $1 AND w.window_start = bounds.window_start), 0) AS hits,
              coalesce((SELECT p.hits FROM gateway.rate_limit_windows p
                         WHERE p.bucket = $1 AND p.window_start = bounds.window_start - make_interval(secs => $2 / 1000.0)), 0) AS previous_hits,
              extract(epoch FROM (bounds.now_ - bounds.window_start)) * 1000 / $2 AS elapsed
         FROM bounds`,
      [`${throttlerName}:${key}`, Math.max(1, Math.trunc(ttl))],
    );
    return { hits: row.hits, previousHits: row.previous_hits, elapsed: Number(row.elapsed) };
  }
}

/** This window's hits plus the previous window's share still within one window of now (rounded down). */
export function slidingCount(currentHits: number, previousHits: number, elapsedFraction: number): number {
  const stillInside = 1 - Math.min(1, Math.max(0, elapsedFraction));
  // Rounded up (less a float's error): a burst just before the boundary still counts whole.
  return currentHits + Math.ceil(previousHits * stillInside - 1e-9);
}
