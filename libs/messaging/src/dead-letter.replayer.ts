import { Kafka } from 'kafkajs';
import { deadLetterTopic } from '@payments/contracts';
import { createOrderedProducer } from './kafka-client.factory';
import { Logger, silentLogger } from './logger.port';
import { withoutDeadLetterHeaders } from './message-headers.mapper';
import { fetchTopicOffsets } from './topic-offsets';

const STALL_MS = 60_000;

export interface ReplayOptions {
  /** The original topic; its `<topic>.dlq` is read. */
  topic: string;
  /** The replay's own consumer group: its committed offsets remember what was already replayed. */
  groupId: string;
  logger?: Logger;
  /** Stop after this many messages; default all. */
  maxMessages?: number;
}

/**
 * Re-publishes what is in `<topic>.dlq` (up to its end when called) to `topic` with the original
 * key, value and headers (the `dlq-*` ones removed), and commits each one after the broker's ack.
 * Safe to run again: consumers dedupe by message id, so a message applied before is skipped.
 * Resolves to the number of messages re-published.
 */
export async function replayDeadLetters(kafka: Kafka, opts: ReplayOptions): Promise<number> {
  const logger = opts.logger ?? silentLogger;
  const dlq = deadLetterTopic(opts.topic);
  const maxMessages = opts.maxMessages ?? Number.POSITIVE_INFINITY;
  const remaining = await pendingEndOffsets(kafka, dlq, opts.groupId);
  if (remaining.size === 0 || maxMessages <= 0) return 0;

  const producer = createOrderedProducer(kafka);
  const consumer = kafka.consumer({ groupId: opts.groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
  let replayed = 0;
  let finish: () => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => ((finish = resolve), (fail = reject)));
  let stalled = setTimeout(() => fail(stallError(dlq)), STALL_MS);
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) fail(payload.error);
  });
  try {
    await producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topics: [dlq], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const end = remaining.get(partition);
        // Past the end seen at the start, or over the limit: left uncommitted for the next replay.
        if (end === undefined || BigInt(message.offset) >= end || replayed >= maxMessages) return;
        await producer.send({
          topic: opts.topic,
          acks: -1,
          messages: [{ key: message.key, value: message.value, headers: withoutDeadLetterHeaders(message.headers) }],
        });
        const next = BigInt(message.offset) + 1n;
        await consumer.commitOffsets([{ topic: dlq, partition, offset: next.toString() }]);
        replayed += 1;
        clearTimeout(stalled);
        stalled = setTimeout(() => fail(stallError(dlq)), STALL_MS);
        if (next >= end) remaining.delete(partition);
        if (remaining.size === 0 || replayed >= maxMessages) finish();
      },
    });
    await done;
  } finally {
    clearTimeout(stalled);
    await consumer.disconnect();
    await producer.disconnect();
  }
  logger.info({ topic: opts.topic, groupId: opts.groupId, replayed }, 'dead letters replayed');
  return replayed;
}

function stallError(dlq: string): Error {
  return new Error(`replay of ${dlq} made no progress for ${STALL_MS / 1000} s`);
}

/** Per partition of the dead-letter topic with messages not yet replayed by the group: its end offset now. */
async function pendingEndOffsets(kafka: Kafka, dlq: string, groupId: string): Promise<Map<number, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await fetchTopicOffsets(admin, dlq);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [dlq] });
    const committedBy = new Map(committed.partitions.map((p) => [p.partition, BigInt(p.offset)]));
    const pending = new Map<number, bigint>();
    for (const { partition, high, low } of ends) {
      const position = committedBy.get(partition) ?? -1n;
      const start = position >= 0n ? position : BigInt(low);
      if (start < BigInt(high)) pending.set(partition, BigInt(high));
    }
    return pending;
  } finally {
    await admin.disconnect();
  }
}
