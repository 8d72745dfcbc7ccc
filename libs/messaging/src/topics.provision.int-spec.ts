import { Admin, ConfigResourceTypes } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { createKafka } from './kafka-client.factory';
import { TopicLayout, provisionTopics, topicSpecs } from './topics.provision';

// Not @payments/testing: it imports this library, and a library's own tests must not close that loop.
const uniqueName = (prefix: string) => `${prefix}_${randomBytes(5).toString('hex')}`;
const brokers = () => (process.env.KAFKA_BROKERS ?? '').split(',').filter((broker) => broker !== '');

const layout: TopicLayout = {
  partitions: 3,
  replicationFactor: 1,
  minInSyncReplicas: 1,
  retentionMs: 3_600_000,
  deadLetterRetentionMs: 7_200_000,
  increasePartitions: false,
};

describe('topic provisioning on a real broker', () => {
  const kafka = createKafka({ clientId: uniqueName('provision_test'), brokers: brokers() });
  const topics = [uniqueName('provision_a'), uniqueName('provision_b')];
  const specs = topicSpecs(topics, layout);
  const names = specs.map((spec) => spec.topic);
  let admin: Admin;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin.deleteTopics({ topics: names }).catch(() => undefined);
    await admin.disconnect();
  });

  async function configOf(topic: string): Promise<Record<string, string>> {
    const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }] });
    return Object.fromEntries(resources[0].configEntries.map((entry) => [entry.configName, entry.configValue]));
  }

  /** The topic's configs once they show `expected` (the broker applies config changes asynchronously), else as they are after 10 s. */
  async function configShowing(topic: string, expected: Record<string, string>): Promise<Record<string, string>> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const config = await configOf(topic);
      if (Object.entries(expected).every(([name, value]) => config[name] === value) || Date.now() > deadline) return config;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function partitionsOf(topic: string): Promise<number> {
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    return metadata.partitions.length;
  }

  it('creates each topic and its dead-letter topic with the layout, and a second run changes nothing', async () => {
    const first = await provisionTopics(kafka, specs, layout);
    expect(first.map((outcome) => [outcome.topic, outcome.action]).sort()).toEqual(names.map((name) => [name, 'created']).sort());

    const second = await provisionTopics(kafka, specs, layout);
    expect(second.map((outcome) => [outcome.topic, outcome.action, outcome.warnings]).sort()).toEqual(names.map((name) => [name, 'unchanged', []]).sort());

    for (const topic of topics) {
      expect(await partitionsOf(topic)).toBe(3);
      expect(await partitionsOf(`${topic}.dlq`)).toBe(3);
      expect(await configShowing(topic, { 'retention.ms': '3600000' })).toMatchObject({ 'retention.ms': '3600000', 'cleanup.policy': 'delete', 'min.insync.replicas': '1' });
      expect(await configShowing(`${topic}.dlq`, { 'retention.ms': '7200000' })).toMatchObject({ 'retention.ms': '7200000' });
    }
  });

  it('brings a topic back to the layout, keeping configs an operator set on it, and reports missing partitions', async () => {
    const [topic] = topics;
    await provisionTopics(kafka, specs, layout);
    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configEntries: [{ name: 'retention.ms', value: '60000' }, { name: 'max.message.bytes', value: '2000000' }] }],
    });
    await configShowing(topic, { 'retention.ms': '60000', 'max.message.bytes': '2000000' });

    const wider = { ...layout, partitions: 4 };
    const outcomes = await provisionTopics(kafka, topicSpecs([topic], wider), wider);

    expect(outcomes.find((outcome) => outcome.topic === topic)).toEqual({
      topic,
      action: 'configured',
      warnings: ['has 3 partitions, not 4 (TOPIC_INCREASE_PARTITIONS=true adds them)'],
    });
    expect(await configShowing(topic, { 'retention.ms': '3600000' })).toMatchObject({ 'retention.ms': '3600000', 'max.message.bytes': '2000000' });
    expect(await partitionsOf(topic)).toBe(3);

    const added = await provisionTopics(kafka, topicSpecs([topic], { ...wider, increasePartitions: true }), { ...wider, increasePartitions: true });
    expect(added.find((outcome) => outcome.topic === topic)).toEqual({ topic, action: 'partitions-added', warnings: [] });
    expect(await partitionsOf(topic)).toBe(4);
  });
});
