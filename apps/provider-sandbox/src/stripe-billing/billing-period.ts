/** The billing intervals the sandbox renews on; Stripe also has `day` and `week`, which no plan here uses. */
export type BillingInterval = 'month' | 'year';
export const BILLING_INTERVALS: readonly BillingInterval[] = ['month', 'year'];

export interface Recurrence {
  readonly interval: BillingInterval;
  /** Intervals per period: `month` x 3 bills quarterly. Stripe allows up to three years in all. */
  readonly intervalCount: number;
}

export interface BillingPeriod {
  /** Unix seconds. */
  readonly start: number;
  readonly end: number;
}

const daysInMonth = (year: number, monthIndex: number) => new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();

/**
 * `anchor` plus `months` calendar months, at the same time of day (UTC). A day the target month
 * lacks becomes its last day, as Stripe bills an anchor on the 31st on Feb 28 (29), then Mar 31:
 * always counted from the anchor, never from the previous, shortened, date.
 */
export function addMonths(anchorSeconds: number, months: number): number {
  const anchor = new Date(anchorSeconds * 1000);
  const monthIndex = anchor.getUTCMonth() + months;
  const year = anchor.getUTCFullYear() + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const day = Math.min(anchor.getUTCDate(), daysInMonth(year, month));
  return Date.UTC(year, month, day, anchor.getUTCHours(), anchor.getUTCMinutes(), anchor.getUTCSeconds()) / 1000;
}

const monthsPerPeriod = (recurrence: Recurrence) => recurrence.intervalCount * (recurrence.interval === 'year' ? 12 : 1);

/** The `cycle`-th period (from 0) of a subscription anchored at `anchorSeconds`. */
export function periodOf(anchorSeconds: number, recurrence: Recurrence, cycle: number): BillingPeriod {
  const months = monthsPerPeriod(recurrence);
  return { start: addMonths(anchorSeconds, cycle * months), end: addMonths(anchorSeconds, (cycle + 1) * months) };
}

/** How far a test clock may move: two intervals of the subscription past `fromSeconds` (Stripe's rule). */
export function twoIntervalsAfter(fromSeconds: number, recurrence: Recurrence): number {
  return addMonths(fromSeconds, 2 * monthsPerPeriod(recurrence));
}

/** Shorter first, for "the shortest subscription on the clock". */
export function compareRecurrence(a: Recurrence, b: Recurrence): number {
  return monthsPerPeriod(a) - monthsPerPeriod(b);
}
