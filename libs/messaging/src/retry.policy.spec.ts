import { DEFAULT_RETRY_POLICY, assertRetryPolicy, backoffMs, hasAttemptsLeft } from './retry.policy';

describe('retry policy', () => {
  const policy = { attempts: 5, initialBackoffMs: 200, maxBackoffMs: 1_000 };

  it('waits the initial backoff after the first failure and doubles it after each further one', () => {
    expect([1, 2, 3].map((failures) => backoffMs(policy, failures))).toEqual([200, 400, 800]);
  });

  it('never waits longer than the maximum backoff', () => {
    expect([4, 5, 30].map((failures) => backoffMs(policy, failures))).toEqual([1_000, 1_000, 1_000]);
  });

  it('allows as many attempts in all as the policy says, the first one included', () => {
    expect([1, 2, 3, 4].map((failures) => hasAttemptsLeft(policy, failures))).toEqual([true, true, true, true]);
    expect(hasAttemptsLeft(policy, 5)).toBe(false);
    expect(hasAttemptsLeft({ ...policy, attempts: 1 }, 1)).toBe(false);
  });

  it('defaults to 5 attempts backing off from 200 ms to at most 5 s', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ attempts: 5, initialBackoffMs: 200, maxBackoffMs: 5_000 });
    expect(backoffMs(DEFAULT_RETRY_POLICY, 4)).toBe(1_600);
  });

  it('refuses a policy without any attempt or with a maximum below the initial backoff', () => {
    expect(() => assertRetryPolicy({ ...policy, attempts: 0 })).toThrow('invalid retry policy');
    expect(() => assertRetryPolicy({ ...policy, maxBackoffMs: 100 })).toThrow('invalid retry policy');
  });
});
