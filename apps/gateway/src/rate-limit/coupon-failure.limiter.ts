import { Inject, Injectable } from '@nestjs/common';
import { DATABASE } from '@payments/nest-runtime';
import { Database } from '@payments/persistence';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import { GatewayError } from '../gateway.error';
import { PostgresThrottlerStorage, slidingCount } from './postgres-throttler.storage';
import { secondsUntilUnder } from './sliding-window-wait';

const MINUTE_MS = 60_000;
const THROTTLER = 'coupon-failures';

/** Who is trying coupon codes: the user, and the client address they come from. */
export interface CouponCaller {
  readonly userId: string;
  readonly address: string;
}

/**
 * Limits failed coupon lookups per user and per client address, in the gateway's shared rate-limit
 * windows (PostgreSQL), so guessing codes is slow while valid checkouts never wait: only refusals
 * are counted, and only a request that names a coupon is checked (one read), before it is sent.
 */
@Injectable()
export class CouponFailureLimiter {
  private readonly storage: PostgresThrottlerStorage;

  constructor(@Inject(DATABASE) db: Database, @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    this.storage = new PostgresThrottlerStorage(db);
  }

  /** 429 RATE_LIMITED, with the seconds until a coupon may be tried again, once either limit is used up. */
  async assertMayTry(caller: CouponCaller): Promise<void> {
    const { perUserPerMinute, perIpPerMinute } = this.config.couponFailureLimit;
    const waits = await Promise.all([
      this.waitFor(`user:${caller.userId}`, perUserPerMinute),
      this.waitFor(`ip:${caller.address}`, perIpPerMinute),
    ]);
    const retryAfterSeconds = Math.max(...waits);
    if (retryAfterSeconds > 0) {
      throw new GatewayError('RATE_LIMITED', 'too many coupon codes that could not be used in the last minute; retry after the time in Retry-After, or check out without a coupon', retryAfterSeconds);
    }
  }

  async recordFailure(caller: CouponCaller): Promise<void> {
    await this.storage.increment(`user:${caller.userId}`, MINUTE_MS, this.config.couponFailureLimit.perUserPerMinute, MINUTE_MS, THROTTLER);
    await this.storage.increment(`ip:${caller.address}`, MINUTE_MS, this.config.couponFailureLimit.perIpPerMinute, MINUTE_MS, THROTTLER);
  }

  /** 0 while the bucket is under `limit`, else the seconds until it is. */
  private async waitFor(bucket: string, limit: number): Promise<number> {
    const window = await this.storage.count(bucket, MINUTE_MS, THROTTLER);
    return slidingCount(window.hits, window.previousHits, window.elapsed) < limit ? 0 : secondsUntilUnder(limit, window, MINUTE_MS / 1000);
  }
}
