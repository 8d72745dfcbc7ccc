import { Admin } from 'kafkajs';
import { fetchTopicOffsets } from './topic-offsets';

/**
 * Messages one consumer group has not committed yet, per topic, summed over the topic's partitions
 * (a partition the group never committed counts from its low watermark). Topics that do not exist
 * are left out.
 */
export async function consumerGroupLag(admin: Admin, groupId: string, topics: readonly string[], existing?: ReadonlySet<string>): Promise<Map<string, number>> {
  const known = existing ?? new Set(await admin.listTopics());
  const present = topics.filter((topic) => known.has(topic));
  const lag = new Map<string, number>();
  if (present.length === 0) return lag;
  for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics: present })) {
    let behind = 0n;
    for (const { partition, high, low } of await fetchTopicOffsets(admin, topic)) {
      const offset = BigInt(partitions.find((p) => p.partition === partition)?.offset ?? '-1');
      const position = offset >= 0n ? offset : BigInt(low);
      if (BigInt(high) > position) behind += BigInt(high) - position;
    }
    lag.set(topic, Number(behind));
  }
  return lag;
}
