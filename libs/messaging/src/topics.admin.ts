import { Admin, Kafka } from 'kafkajs';
import { deadLetterTopic } from '@payments/contracts';

const LEADER_WAIT_MS = 15_000;

/** A topic a caller named is not on the broker. */
export class UnknownTopicError extends Error {
  readonly code = 'TOPIC.UNKNOWN';

  constructor(readonly topics: readonly string[]) {
    super(`no such topic on the broker: ${topics.join(', ')}`);
    this.name = 'UnknownTopicError';
  }
}

/** Each topic and its `<topic>.dlq`, without duplicates; a `.dlq` topic gets no `.dlq.dlq`. */
export function topicsWithDeadLetters(topics: readonly string[]): string[] {
  const names = topics.flatMap((topic) => (topic.endsWith('.dlq') ? [topic] : [topic, deadLetterTopic(topic)]));
  return [...new Set(names)];
}

/**
 * Creates each topic and its dead-letter topic if missing, then waits until every partition has a
 * leader. Safe to call from several services at once: a topic that already exists is fine.
 */
export async function ensureTopics(kafka: Kafka, topics: string[], opts: { partitions?: number } = {}): Promise<void> {
  const names = topicsWithDeadLetters(topics);
  if (names.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = names.filter((name) => !existing.has(name));
    if (missing.length > 0) {
      // Several services start at once on a fresh broker and race to create the same topics: the
      // loser may see "already exists" or metadata for a partition not yet hosted. Either way the
      // topics exist or are being created, and the leader wait below decides.
      await admin
        .createTopics({
          waitForLeaders: false,
          topics: missing.map((topic) => ({ topic, ...(opts.partitions ? { numPartitions: opts.partitions } : {}) })),
        })
        .catch(() => undefined);
    }
    await waitForLeaders(admin, names);
  } finally {
    await admin.disconnect();
  }
}

/** Throws UnknownTopicError naming every one of `topics` the broker does not have. */
export async function assertTopicsExist(kafka: Kafka, topics: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length > 0) throw new UnknownTopicError(missing);
  } finally {
    await admin.disconnect();
  }
}

async function waitForLeaders(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + LEADER_WAIT_MS;
  for (;;) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      if (metadata.every((topic) => topic.partitions.length > 0 && topic.partitions.every((p) => p.leader >= 0))) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for leaders of ${topics.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
