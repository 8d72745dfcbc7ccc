import { TopicLayout } from '@payments/messaging';
import { ConfigError, booleanEnv, integerEnv } from '@payments/nest-runtime';

const DAY_MS = 86_400_000;

/**
 * The topic layout from the environment. Defaults suit one broker (replication 1); production
 * runs TOPIC_REPLICATION_FACTOR=3, which makes min.insync.replicas 2 unless told otherwise.
 */
export function topicLayoutFrom(env: NodeJS.ProcessEnv = process.env): TopicLayout {
  const replicationFactor = integerEnv(env, 'TOPIC_REPLICATION_FACTOR', 1, { min: 1, max: 10 });
  const minInSyncReplicas = integerEnv(env, 'TOPIC_MIN_INSYNC_REPLICAS', Math.max(1, Math.min(2, replicationFactor - 1)), { min: 1, max: 10 });
  if (minInSyncReplicas > replicationFactor) {
    throw new ConfigError(`TOPIC_MIN_INSYNC_REPLICAS (${minInSyncReplicas}) cannot exceed TOPIC_REPLICATION_FACTOR (${replicationFactor})`);
  }
  return {
    partitions: integerEnv(env, 'TOPIC_PARTITIONS', 6, { min: 1, max: 1000 }),
    replicationFactor,
    minInSyncReplicas,
    retentionMs: integerEnv(env, 'TOPIC_RETENTION_MS', 7 * DAY_MS, { min: 60_000 }),
    deadLetterRetentionMs: integerEnv(env, 'TOPIC_DLQ_RETENTION_MS', 28 * DAY_MS, { min: 60_000 }),
    increasePartitions: booleanEnv(env, 'TOPIC_INCREASE_PARTITIONS', false),
  };
}
