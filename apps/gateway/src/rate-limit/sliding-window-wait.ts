import type { WindowCount } from './postgres-throttler.storage';

/**
 * Whole seconds (at least 1) until just after the sliding count of `window` (see `slidingCount`) falls below
 * `limit`, with no new hits: within this window, as the previous window's share fades, or else
 * once this window's hits have become the previous window's and faded enough in the next one.
 */
export function secondsUntilUnder(limit: number, window: WindowCount, windowSeconds: number): number {
  const elapsed = Math.min(1, Math.max(0, window.elapsed));
  let waitWindows: number;
  if (window.hits < limit) {
    // ceil(previous * (1 - e)) < limit - hits  <=>  e >= 1 - (limit - hits - 1) / previous
    const needed = window.previousHits === 0 ? 0 : 1 - (limit - window.hits - 1) / window.previousHits;
    waitWindows = Math.max(0, needed - elapsed);
  } else {
    // The same in the next window, once this window's hits are the previous ones.
    waitWindows = 1 - elapsed + Math.max(0, 1 - (limit - 1) / window.hits);
  }
  // The count drops below the limit only strictly after that moment: the next whole second (the
  // epsilon keeps 15.999999 from rounding to 15).
  return Math.floor(waitWindows * windowSeconds + 1e-9) + 1;
}
