import { Inject, Injectable } from '@nestjs/common';
import { DATABASE } from '@payments/nest-runtime';
import { Database } from '@payments/persistence';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import { GatewayError } from '../gateway.error';
import { PostgresThrottlerStorage, ReservedSlot, slidingCount } from './postgres-throttler.storage';
import { secondsUntilUnder } from './sliding-window-wait';

const MINUTE_MS = 60_000;
const THROTTLER = 'coupon-failures';

/** Who is trying coupon codes: the user, and the client address they come from. */
export interface CouponCaller {
  readonly userId: string;
  readonly address: string;
}

/** A coupon lookup let through: it holds one slot of the user's limit and one of the address's until it is settled. */
export interface CouponAttempt {
  readonly slots: readonly ReservedSlot[];
}

/**
 * Limits failed coupon lookups per user and per client address, in the gateway's shared rate-limit
 * windows (PostgreSQL), so guessing codes is slow while valid checkouts never wait: only a request
 * that names a coupon is checked. Each such request reserves its slot before it is sent (atomic, so
 * concurrent lookups cannot all take the last free slot) and gives it back unless the coupon was
 * refused: in the end only refusals are counted.
 */
@Injectable()
export class CouponFailureLimiter {
  private readonly storage: PostgresThrottlerStorage;

  constructor(@Inject(DATABASE) db: Database, @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    this.storage = new PostgresThrottlerStorage(db);
  }

  /** Reserves the attempt's slots; 429 RATE_LIMITED, with the seconds until a coupon may be tried again, once either limit is used up. */
  async begin(caller: CouponCaller): Promise<CouponAttempt> {
    const limits = this.limitsOf(caller);
    const slots = await Promise.all(limits.map(({ bucket, limit }) => this.storage.reserve(bucket, MINUTE_MS, limit, THROTTLER)));
    const taken = slots.filter((slot): slot is ReservedSlot => slot !== null);
    if (taken.length === limits.length) return { slots: taken };
    await Promise.all(taken.map((slot) => this.storage.release(slot)));
    const waits = await Promise.all(limits.map(({ bucket, limit }, index) => (slots[index] === null ? this.waitFor(bucket, limit) : 0)));
    throw new GatewayError('RATE_LIMITED', 'too many coupon codes that could not be used in the last minute; retry after the time in Retry-After, or check out without a coupon', Math.max(1, ...waits));
  }

  /** Keeps the slots counted when the coupon was refused; gives them back otherwise. */
  async settle(attempt: CouponAttempt, outcome: { refused: boolean }): Promise<void> {
    if (!outcome.refused) await Promise.all(attempt.slots.map((slot) => this.storage.release(slot)));
  }

  private limitsOf(caller: CouponCaller) {
    const { perUserPerMinute, perIpPerMinute } = this.config.couponFailureLimit;
    return [
      { bucket: `user:${caller.userId}`, limit: perUserPerMinute },
      { bucket: `ip:${caller.address}`, limit: perIpPerMinute },
    ];
  }

  /** The seconds until the bucket is under `limit` again. */
  private async waitFor(bucket: string, limit: number): Promise<number> {
    const window = await this.storage.count(bucket, MINUTE_MS, THROTTLER);
    return slidingCount(window.hits, window.previousHits, window.elapsed) < limit ? 1 : secondsUntilUnder(limit, window, MINUTE_MS / 1000);
  }
}
