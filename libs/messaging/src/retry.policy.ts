/** How a consumer retries a failing handler before sending the message to the dead-letter topic. */
export interface RetryPolicy {
  /** Handler attempts in all, the first included (at least 1). */
  attempts: number;
  /** Wait after the first failure; doubles after each further one. */
  initialBackoffMs: number;
  /** Upper bound of any single wait. */
  maxBackoffMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, initialBackoffMs: 200, maxBackoffMs: 5_000 };

/** The wait after `failedAttempts` failures (1-based): initial * 2^(failedAttempts - 1), capped at max. */
export function backoffMs(policy: RetryPolicy, failedAttempts: number): number {
  const exponent = Math.max(0, failedAttempts - 1);
  return Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** exponent);
}

/** Whether another attempt follows `failedAttempts` failures. */
export function hasAttemptsLeft(policy: RetryPolicy, failedAttempts: number): boolean {
  return failedAttempts < policy.attempts;
}

export function assertRetryPolicy(policy: RetryPolicy): RetryPolicy {
  const valid =
    Number.isInteger(policy.attempts) &&
    policy.attempts >= 1 &&
    policy.initialBackoffMs >= 0 &&
    policy.maxBackoffMs >= policy.initialBackoffMs;
  if (!valid) throw new Error(`invalid retry policy ${JSON.stringify(policy)}`);
  return policy;
}
