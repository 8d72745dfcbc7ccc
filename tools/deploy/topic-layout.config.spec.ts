import { topicSpecs } from '@payments/messaging';
import { topicLayoutFrom } from './topic-layout.config';

describe('the topic layout', () => {
  it('defaults to one broker: 6 partitions, replication 1, a week of retention, four weeks for dead letters', () => {
    expect(topicLayoutFrom({})).toEqual({
      partitions: 6, replicationFactor: 1, minInSyncReplicas: 1, retentionMs: 604_800_000, deadLetterRetentionMs: 2_419_200_000, increasePartitions: false,
    });
  });

  it('keeps two replicas in sync by default when production replicates three times', () => {
    expect(topicLayoutFrom({ TOPIC_REPLICATION_FACTOR: '3' })).toMatchObject({ replicationFactor: 3, minInSyncReplicas: 2 });
    expect(topicLayoutFrom({ TOPIC_REPLICATION_FACTOR: '2' })).toMatchObject({ replicationFactor: 2, minInSyncReplicas: 1 });
  });

  it('stops on a setting that cannot work, naming it', () => {
    expect(() => topicLayoutFrom({ TOPIC_REPLICATION_FACTOR: '1', TOPIC_MIN_INSYNC_REPLICAS: '2' })).toThrow('TOPIC_MIN_INSYNC_REPLICAS (2) cannot exceed TOPIC_REPLICATION_FACTOR (1)');
    expect(() => topicLayoutFrom({ TOPIC_PARTITIONS: '0' })).toThrow('TOPIC_PARTITIONS must be an integer >= 1');
    expect(() => topicLayoutFrom({ TOPIC_INCREASE_PARTITIONS: 'yes' })).toThrow('TOPIC_INCREASE_PARTITIONS must be true or false, got "yes"');
  });

  it('gives each topic a dead-letter topic kept longer, with the same partitions and replication', () => {
    const layout = topicLayoutFrom({ TOPIC_PARTITIONS: '12', TOPIC_REPLICATION_FACTOR: '3' });
    expect(topicSpecs(['orders.events', 'orders.events'], layout)).toEqual([
      { topic: 'orders.events', partitions: 12, replicationFactor: 3, config: { 'cleanup.policy': 'delete', 'retention.ms': '604800000', 'min.insync.replicas': '2' } },
      { topic: 'orders.events.dlq', partitions: 12, replicationFactor: 3, config: { 'cleanup.policy': 'delete', 'retention.ms': '2419200000', 'min.insync.replicas': '2' } },
    ]);
  });
});
