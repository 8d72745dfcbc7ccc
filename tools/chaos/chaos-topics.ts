import type { Kafka } from 'kafkajs';
import { Envelope, decodeEnvelope } from '@payments/contracts';
import { fetchTopicOffsets } from '@payments/messaging';

/**
 * Reads every message of `topic` from the beginning with a fresh consumer group, up to the end it
 * had when asked. Messages of one key (one partition) keep their order.
 */
export async function readWholeTopic(kafka: Kafka, topic: string, groupId: string): Promise<Envelope[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) return [];
    const ends = new Map((await fetchTopicOffsets(admin, topic)).map(({ partition, high }) => [partition, BigInt(high)]));
    const remaining = new Set([...ends].filter(([, high]) => high > 0n).map(([partition]) => partition));
    const envelopes: Envelope[] = [];
    if (remaining.size === 0) return envelopes;
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 250 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${topic} was not read to its end in 120 s`)), 120_000);
        void consumer.run({
          eachMessage: async ({ partition, message }) => {
            if (BigInt(message.offset) >= (ends.get(partition) ?? 0n)) return;
            envelopes.push(decodeEnvelope(message.value));
            if (BigInt(message.offset) + 1n === ends.get(partition)) remaining.delete(partition);
            if (remaining.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        });
      });
      return envelopes;
    } finally {
      await consumer.disconnect();
    }
  } finally {
    await admin.disconnect();
  }
}
