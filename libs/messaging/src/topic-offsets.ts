import { Admin } from 'kafkajs';
import { RetryPolicy, backoffMs, hasAttemptsLeft } from './retry.policy';

export type TopicOffsets = Awaited<ReturnType<Admin['fetchTopicOffsets']>>;

/** About 10 s in all: long enough for a just-created partition to get its leader. */
const OFFSETS_RETRY: RetryPolicy = { attempts: 8, initialBackoffMs: 100, maxBackoffMs: 2_000 };

/**
 * `admin.fetchTopicOffsets`, retried on the broker's retriable answers. kafkajs retries an unknown
 * partition there but gives up at once on "not the leader" or "leader not available", which a
 * partition answers for a moment after it is created or moves.
 */
export async function fetchTopicOffsets(admin: Admin, topic: string, policy: RetryPolicy = OFFSETS_RETRY): Promise<TopicOffsets> {
  for (let failed = 1; ; failed += 1) {
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (error) {
      if (!isRetriableBrokerError(error) || !hasAttemptsLeft(policy, failed)) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoffMs(policy, failed)));
    }
  }
}

/** A kafkajs protocol error the broker marks retriable (not-leader, leader-not-available, timeouts). */
export function isRetriableBrokerError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retriable?: unknown }).retriable === true;
}
