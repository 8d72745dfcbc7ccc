import { AssignerProtocol, Kafka, Producer, logLevel } from 'kafkajs';
import { Envelope, decodeEnvelope, encodeEnvelope } from '@payments/contracts';
import { eventually, kafkaBrokers, uniqueName } from './infra';

export interface TailedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly envelope: Envelope;
  /** Kafka headers as strings (a dead-letter copy carries `dlq-error`, `dlq-error-code`...). */
  readonly headers: Record<string, string>;
}

export interface TopicTail {
  /** Every message seen so far on `topic`, in arrival order. */
  on(topic: string): Envelope[];
  /** The same, with partition and headers. */
  messages(topic: string): TailedMessage[];
  stop(): Promise<void>;
}

export interface KafkaTestClient {
  /** Publishes envelopes (Kafka key = envelope key), to a chosen partition when given. */
  publish(topic: string, envelopes: readonly Envelope[], partition?: number): Promise<void>;
  /**
   * Commits `groupId`'s offsets at the current end of `topics` (which must exist): a fresh group then
   * reads only what comes next, not the history of the shared broker.
   */
  startGroupAtEnd(groupId: string, topics: readonly string[]): Promise<void>;
  /** Records every message published on `topics` from now on (none is missed, however late the join). */
  tail(topics: readonly string[]): Promise<TopicTail>;
  /** Each member of a stable group with the partitions of `topic` it was given; empty while rebalancing. */
  assignments(groupId: string, topic: string): Promise<number[][]>;
  close(): Promise<void>;
}

/** A Kafka client for tests on the shared broker: topics are fixed names, so tests filter by their own ids. */
export async function kafkaTestClient(): Promise<KafkaTestClient> {
  const kafka = new Kafka({ clientId: uniqueName('test'), brokers: kafkaBrokers(), logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  const producer: Producer = kafka.producer();
  await Promise.all([admin.connect(), producer.connect()]);
  const tails: TopicTail[] = [];

  const startGroupAtEnd = async (groupId: string, topics: readonly string[]) => {
    for (const topic of topics) {
      // Right after a topic is created its partitions may still be moving to their leader.
      const offsets = await eventually(() => admin.fetchTopicOffsets(topic), 15_000, `the offsets of ${topic}`);
      await admin.setOffsets({ groupId, topic, partitions: offsets.map(({ partition, high }) => ({ partition, offset: high })) });
    }
  };

  return {
    async publish(topic, envelopes, partition) {
      await producer.send({
        topic,
        messages: envelopes.map((envelope) => ({ key: envelope.key, value: encodeEnvelope(envelope), ...(partition === undefined ? {} : { partition }) })),
      });
    },
    startGroupAtEnd,
    async tail(topics) {
      const groupId = uniqueName('test_tail');
      await startGroupAtEnd(groupId, topics);
      const seen: TailedMessage[] = [];
      const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
      await consumer.connect();
      await consumer.subscribe({ topics: [...topics] });
      await consumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(Array.isArray(value) ? value.at(-1) : value)]));
          seen.push({ topic, partition, envelope: decodeEnvelope(message.value), headers });
        },
      });
      const tail: TopicTail = {
        on: (topic) => seen.filter((entry) => entry.topic === topic).map((entry) => entry.envelope),
        messages: (topic) => seen.filter((entry) => entry.topic === topic),
        stop: () => consumer.disconnect(),
      };
      tails.push(tail);
      return tail;
    },
    async assignments(groupId, topic) {
      const { groups: [group] } = await admin.describeGroups([groupId]);
      if (!group || group.state !== 'Stable') return [];
      return group.members.map((member) => {
        const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
        return decoded?.assignment[topic] ?? [];
      });
    },
    async close() {
      await Promise.allSettled(tails.map((tail) => tail.stop()));
      await Promise.allSettled([producer.disconnect(), admin.disconnect()]);
    },
  };
}
