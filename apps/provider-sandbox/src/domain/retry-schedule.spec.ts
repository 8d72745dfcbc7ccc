import { delayBeforeNextAttempt } from './retry-schedule';

describe('the webhook retry schedule', () => {
  const schedule = { maxAttempts: 6, baseDelayMs: 200, maxDelayMs: 2_000 };

  it('waits the base delay after the first failed attempt and doubles it after each further one', () => {
    expect([1, 2, 3, 4].map((attempt) => delayBeforeNextAttempt(schedule, attempt))).toEqual([200, 400, 800, 1_600]);
  });

  it('never waits longer than the maximum delay', () => {
    expect(delayBeforeNextAttempt(schedule, 5)).toBe(2_000);
  });

  it('gives up once the last allowed attempt has failed', () => {
    expect(delayBeforeNextAttempt(schedule, 6)).toBeNull();
    expect(delayBeforeNextAttempt({ ...schedule, maxAttempts: 1 }, 1)).toBeNull();
  });
});
