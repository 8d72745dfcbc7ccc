import { Recurrence, compareRecurrence, twoIntervalsAfter } from './billing-period';

/** A test clock as the sandbox keeps it; its time is `frozenTime`, unix seconds. */
export interface TestClockRecord {
  readonly id: string;
  readonly name: string | null;
  readonly created: number;
  readonly frozenTime: number;
}

/** Stripe deletes a test clock 30 days after its creation. */
const CLOCK_LIFETIME_SECONDS = 30 * 86_400;
/** With no subscription on it, a clock moves at most two years at a time (two intervals of a year). */
const NO_SUBSCRIPTION: Recurrence = { interval: 'year', intervalCount: 1 };

/** The clock as Stripe's API returns it. The sandbox advances at once, so a clock is always `ready`. */
export function testClockView(clock: TestClockRecord) {
  return {
    id: clock.id, object: 'test_helpers.test_clock' as const, created: clock.created, deletes_after: clock.created + CLOCK_LIFETIME_SECONDS,
    frozen_time: clock.frozenTime, livemode: false, name: clock.name, status: 'ready' as const, status_details: {},
  };
}

export type AdvanceCheck = { readonly ok: true } | { readonly ok: false; readonly reason: 'not_after' | 'too_far'; readonly limit?: number };

/**
 * Stripe's rules for `advance`: the new time must be after the clock's, and no more than two
 * intervals of the shortest subscription on the clock ahead (two years when there is none).
 */
export function checkAdvance(clock: TestClockRecord, frozenTime: number, recurrences: readonly Recurrence[]): AdvanceCheck {
  if (frozenTime <= clock.frozenTime) return { ok: false, reason: 'not_after' };
  const shortest = [...recurrences].sort(compareRecurrence)[0];
  const limit = twoIntervalsAfter(clock.frozenTime, shortest ?? NO_SUBSCRIPTION);
  return frozenTime <= limit ? { ok: true } : { ok: false, reason: 'too_far', limit };
}
