/** How a webhook delivery is retried after a non-2xx answer or a network failure. */
export interface RetrySchedule {
  /** Attempts in all, the first one included. */
  readonly maxAttempts: number;
  /** Wait after the first failure; doubled after each further one. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** The wait before attempt `attempt + 1`, after `attempt` attempts have failed; null when none is left. */
export function delayBeforeNextAttempt(schedule: RetrySchedule, attempt: number): number | null {
  if (attempt >= schedule.maxAttempts) return null;
  return Math.min(schedule.baseDelayMs * 2 ** (attempt - 1), schedule.maxDelayMs);
}
