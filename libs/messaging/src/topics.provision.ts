import { Admin, ConfigResourceTypes, Kafka } from 'kafkajs';
import { deadLetterTopic } from '@payments/contracts';

/** How the system's topics are laid out on the cluster; one setting for all, dead letters kept longer. */
export interface TopicLayout {
  partitions: number;
  replicationFactor: number;
  retentionMs: number;
  /** Dead letters wait for an operator: keep them longer than the topics they came from. */
  deadLetterRetentionMs: number;
  minInSyncReplicas: number;
  /** Add partitions to an existing topic that has fewer (moves keys to other partitions from then on). */
  increasePartitions: boolean;
}

export interface TopicSpec {
  topic: string;
  partitions: number;
  replicationFactor: number;
  /** The topic-level configs provisioning owns; others set on the topic are kept. */
  config: Readonly<Record<string, string>>;
}

export type ProvisionAction = 'created' | 'configured' | 'partitions-added' | 'unchanged';

export interface ProvisionOutcome {
  topic: string;
  action: ProvisionAction;
  /** What provisioning would not change by itself (fewer partitions, another replication factor). */
  warnings: string[];
}

/** Each topic and its `<topic>.dlq`, with the layout's partitions, replication and retention. */
export function topicSpecs(topics: readonly string[], layout: TopicLayout): TopicSpec[] {
  const spec = (topic: string, retentionMs: number): TopicSpec => ({
    topic,
    partitions: layout.partitions,
    replicationFactor: layout.replicationFactor,
    config: { 'cleanup.policy': 'delete', 'retention.ms': String(retentionMs), 'min.insync.replicas': String(layout.minInSyncReplicas) },
  });
  return [...new Set(topics)].flatMap((topic) => [spec(topic, layout.retentionMs), spec(deadLetterTopic(topic), layout.deadLetterRetentionMs)]);
}

/** Dynamic topic configs (set on the topic itself, kafkajs ConfigSource 1), by name. */
async function topicOverrides(admin: Admin, topic: string): Promise<Map<string, string>> {
  const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }] });
  const entries = resources[0]?.configEntries ?? [];
  return new Map(entries.filter((entry) => entry.configSource === 1).map((entry) => [entry.configName, entry.configValue]));
}

async function reconcile(admin: Admin, spec: TopicSpec, layout: TopicLayout): Promise<ProvisionOutcome> {
  const warnings: string[] = [];
  let action: ProvisionAction = 'unchanged';
  const overrides = await topicOverrides(admin, spec.topic);
  if (Object.entries(spec.config).some(([name, value]) => overrides.get(name) !== value)) {
    // alterConfigs replaces the topic's whole override set: send the ones already there too.
    const merged = { ...Object.fromEntries(overrides), ...spec.config };
    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: spec.topic, configEntries: Object.entries(merged).map(([name, value]) => ({ name, value })) }],
    });
    action = 'configured';
  }
  const [metadata] = (await admin.fetchTopicMetadata({ topics: [spec.topic] })).topics;
  const partitions = metadata.partitions.length;
  const replicas = metadata.partitions[0]?.replicas.length ?? 0;
  if (replicas !== spec.replicationFactor) warnings.push(`replication factor is ${replicas}, not ${spec.replicationFactor} (reassign partitions to change it)`);
  if (partitions < spec.partitions && layout.increasePartitions) {
    await admin.createPartitions({ topicPartitions: [{ topic: spec.topic, count: spec.partitions }] });
    action = 'partitions-added';
  } else if (partitions < spec.partitions) {
    warnings.push(`has ${partitions} partitions, not ${spec.partitions} (TOPIC_INCREASE_PARTITIONS=true adds them)`);
  }
  return { topic: spec.topic, action, warnings };
}

/**
 * Creates the missing topics as specified and brings existing ones to the specified configs;
 * running it again changes nothing. Partitions are only ever added (Kafka cannot remove them).
 */
export async function provisionTopics(kafka: Kafka, specs: readonly TopicSpec[], layout: TopicLayout): Promise<ProvisionOutcome[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((spec) => !existing.has(spec.topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((spec) => ({
          topic: spec.topic,
          numPartitions: spec.partitions,
          replicationFactor: spec.replicationFactor,
          configEntries: Object.entries(spec.config).map(([name, value]) => ({ name, value })),
        })),
      });
    }
    const outcomes: ProvisionOutcome[] = missing.map((spec) => ({ topic: spec.topic, action: 'created', warnings: [] }));
    for (const spec of specs.filter((candidate) => existing.has(candidate.topic))) outcomes.push(await reconcile(admin, spec, layout));
    return outcomes;
  } finally {
    await admin.disconnect();
  }
}
