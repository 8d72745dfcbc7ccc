import { slidingCount } from './postgres-throttler.storage';
import { secondsUntilUnder } from './sliding-window-wait';

describe('the wait until a sliding-window count falls below its limit', () => {
  it.each([
    ['no hits at all', 10, { hits: 0, previousHits: 0, elapsed: 0.5 }, 1],
    ['this window at the limit, halfway through', 10, { hits: 10, previousHits: 0, elapsed: 0.5 }, 37],
    ['this window at the limit, just begun', 10, { hits: 10, previousHits: 0, elapsed: 0 }, 67],
    ['this window at twice the limit, halfway through', 10, { hits: 20, previousHits: 0, elapsed: 0.5 }, 64],
    ['the previous window at the limit, just over', 10, { hits: 0, previousHits: 10, elapsed: 0 }, 7],
    ['the previous window at twice the limit, a quarter into this one', 10, { hits: 0, previousHits: 20, elapsed: 0.25 }, 19],
    ['both windows counting, a tenth into this one', 10, { hits: 5, previousHits: 10, elapsed: 0.1 }, 31],
  ])('is the right number of seconds with %s', (_, limit, window, seconds) => {
    expect(secondsUntilUnder(limit, window, 60)).toBe(seconds);
  });

  it('waits long enough: after that many seconds the count is below the limit', () => {
    for (const window of [{ hits: 7, previousHits: 13, elapsed: 0.3 }, { hits: 12, previousHits: 3, elapsed: 0.9 }, { hits: 3, previousHits: 30, elapsed: 0 }]) {
      const after = window.elapsed + secondsUntilUnder(10, window, 60) / 60;
      const later = after < 1 ? slidingCount(window.hits, window.previousHits, after) : slidingCount(0, window.hits, after - 1);
      expect(later).toBeLessThan(10);
    }
  });
});
