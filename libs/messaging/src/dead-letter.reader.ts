import { randomUUID } from 'node:crypto';
import { Admin, Kafka, KafkaMessage } from 'kafkajs';
import { deadLetterTopic } from '@payments/contracts';
import { DeadLetter, toDeadLetter } from './dead-letter.mapper';
import { assertTopicsExist } from './topics.admin';
import { fetchTopicOffsets } from './topic-offsets';

const DEAD_LETTER_SUFFIX = '.dlq';
const DEFAULT_STALL_MS = 30_000;

/**
 * The consumer group whose committed offsets on `<topic>.dlq` say what was already replayed. One per
 * topic: kafkajs assigns every partition a group subscribes to across all its members, so replays of
 * two topics in one group would take each other's partitions.
 */
export function deadLetterReplayGroup(topic: string): string {
  return `dlq-replay.${topic}`;
}

/** What one `<topic>.dlq` holds. */
export interface DeadLetterListing {
  /** The original topic, where a replay re-publishes to. */
  readonly topic: string;
  readonly deadLetterTopic: string;
  readonly replayGroup: string;
  /** By partition, then offset. */
  readonly deadLetters: DeadLetter[];
}

export interface ListDeadLettersOptions {
  /** Original topics whose `<topic>.dlq` to read; default every `*.dlq` topic on the broker. */
  topics?: readonly string[];
  /** Fail when no message arrives for this long while some are still expected; default 30 s. */
  stallMs?: number;
}

/** Reading a dead-letter topic made no progress. */
export class DeadLetterReadError extends Error {
  readonly code = 'DEAD_LETTER.READ_STALLED';

  constructor(message: string) {
    super(message);
    this.name = 'DeadLetterReadError';
  }
}

interface ReadPlan {
  topic: string;
  deadLetterTopic: string;
  replayGroup: string;
  /** End offset, captured before reading, of each partition that holds messages. */
  ends: Map<number, bigint>;
  /** The replay group's committed offset per partition; -1n when none. */
  replayedBelow: Map<number, bigint>;
}

interface ReadMessage {
  partition: number;
  message: KafkaMessage;
}

/**
 * Every message in the dead-letter topics from their start to the end offsets seen when called,
 * marked replayed or not against the replay group. Changes nothing: it reads under a throw-away
 * consumer group that never commits and is deleted afterwards. Throws UnknownTopicError when a
 * named topic has no `<topic>.dlq`.
 */
export async function listDeadLetters(kafka: Kafka, opts: ListDeadLettersOptions = {}): Promise<DeadLetterListing[]> {
  const plans = await planReads(kafka, opts.topics);
  const read = await readUpToEnds(kafka, plans, opts.stallMs ?? DEFAULT_STALL_MS);
  return plans.map((plan) => ({
    topic: plan.topic,
    deadLetterTopic: plan.deadLetterTopic,
    replayGroup: plan.replayGroup,
    deadLetters: (read.get(plan.deadLetterTopic) ?? [])
      .sort((a, b) => a.partition - b.partition || Number(BigInt(a.message.offset) - BigInt(b.message.offset)))
      .map(({ partition, message }) =>
        toDeadLetter({ deadLetterTopic: plan.deadLetterTopic, partition, message, replayedBelow: plan.replayedBelow.get(partition) ?? -1n }),
      ),
  }));
}

/** `orders.commands.dlq` and `orders.commands` both name the dead letters of `orders.commands`. */
export function originalTopicOf(name: string): string {
  return name.endsWith(DEAD_LETTER_SUFFIX) ? name.slice(0, -DEAD_LETTER_SUFFIX.length) : name;
}

async function planReads(kafka: Kafka, topics: readonly string[] | undefined): Promise<ReadPlan[]> {
  const named = topics?.map((topic) => deadLetterTopic(originalTopicOf(topic)));
  if (named) await assertTopicsExist(kafka, named);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const names = named ?? (await admin.listTopics()).filter((name) => name.endsWith(DEAD_LETTER_SUFFIX)).sort();
    const plans: ReadPlan[] = [];
    for (const name of [...new Set(names)]) plans.push(await planRead(admin, name));
    return plans;
  } finally {
    await admin.disconnect();
  }
}

async function planRead(admin: Admin, dlq: string): Promise<ReadPlan> {
  const topic = originalTopicOf(dlq);
  const replayGroup = deadLetterReplayGroup(topic);
  const offsets = await fetchTopicOffsets(admin, dlq);
  const [committed] = await admin.fetchOffsets({ groupId: replayGroup, topics: [dlq] });
  return {
    topic,
    deadLetterTopic: dlq,
    replayGroup,
    ends: new Map(offsets.filter(({ high, low }) => BigInt(high) > BigInt(low)).map(({ partition, high }) => [partition, BigInt(high)])),
    replayedBelow: new Map((committed?.partitions ?? []).map(({ partition, offset }) => [partition, BigInt(offset)])),
  };
}

/** Reads each planned partition from its start up to its captured end, without committing. */
async function readUpToEnds(kafka: Kafka, plans: readonly ReadPlan[], stallMs: number): Promise<Map<string, ReadMessage[]>> {
  const pending = new Map(plans.filter((plan) => plan.ends.size > 0).map((plan) => [plan.deadLetterTopic, new Map(plan.ends)]));
  const read = new Map<string, ReadMessage[]>();
  if (pending.size === 0) return read;
  const groupId = `dlq-list-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
  const progress = watchProgress(stallMs, () => new DeadLetterReadError(`reading ${[...pending.keys()].join(', ')} made no progress for ${stallMs} ms`));
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) progress.fail(payload.error);
  });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [...pending.keys()], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        const ends = pending.get(topic);
        const end = ends?.get(partition);
        if (ends === undefined || end === undefined) return;
        const offset = BigInt(message.offset);
        if (offset < end) {
          const messages = read.get(topic) ?? [];
          messages.push({ partition, message });
          read.set(topic, messages);
        }
        progress.advanced();
        if (offset + 1n < end) return;
        ends.delete(partition);
        if (ends.size === 0) pending.delete(topic);
        if (pending.size === 0) progress.finish();
      },
    });
    await progress.done;
  } finally {
    progress.stop();
    await consumer.disconnect();
    await deleteGroup(kafka, groupId);
  }
  return read;
}

interface Progress {
  done: Promise<void>;
  advanced(): void;
  finish(): void;
  fail(error: unknown): void;
  stop(): void;
}

/** A promise that `finish` resolves, and that rejects when `advanced` is not called for `stallMs`. */
function watchProgress(stallMs: number, stalled: () => Error): Progress {
  let finish: () => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => ((finish = resolve), (fail = reject)));
  let timer = setTimeout(() => fail(stalled()), stallMs);
  return {
    done,
    advanced() {
      clearTimeout(timer);
      timer = setTimeout(() => fail(stalled()), stallMs);
    },
    finish: () => finish(),
    fail: (error) => fail(error),
    stop: () => clearTimeout(timer),
  };
}

/** The throw-away group committed nothing; deleting it leaves no trace on the broker. */
async function deleteGroup(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups([groupId]);
  } catch {
    // Best effort: an empty group without offsets is removed by the broker anyway.
  } finally {
    await admin.disconnect();
  }
}
