import { Consumer, ConsumerRunConfig, EachBatchPayload, EachMessagePayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { ContractViolationError, Envelope, decodeEnvelope } from '@payments/contracts';
import { Database, Sql, assertSchemaName } from '@payments/persistence';
import { SpanKind, extractTraceContext, inSpan } from '@payments/observability';
import { publishDeadLetter } from './dead-letter.publisher';
import { Attempt, Delivery, InboxApplier, errorText, isPermanentFailure } from './inbox.applier';
import { createOrderedProducer } from './kafka-client.factory';
import { Logger, silentLogger } from './logger.port';
import { MessageHeader, headersToRecord } from './message-headers.mapper';
import { MessageHandler } from './message-handler.port';
import { ParkedMessageRetrier } from './parked-message.retrier';
import { isKeyParked, parkMessage } from './parked-messages.sql';
import { KeyLanes, OffsetWatermark } from './key-lanes';
import { DEFAULT_RETRY_POLICY, RetryPolicy, assertRetryPolicy, backoffMs, hasAttemptsLeft } from './retry.policy';

export interface InboxConsumerOptions {
  kafka: Kafka;
  db: Database;
  /** The service's schema, holding its `inbox` and `parked_messages` tables. */
  schema: string;
  groupId: string;
  topics: string[];
  handler: MessageHandler;
  /** Default: 5 attempts, 200 ms doubling to at most 5 s. The first attempts are immediate, the rest parked. */
  retry?: RetryPolicy;
  logger?: Logger;
  /** Where a group without a committed offset starts; default false (only new messages). */
  fromBeginning?: boolean;
  /** Partitions handled at the same time (order per partition, and so per key, is kept); default 6. */
  partitionsConsumedConcurrently?: number;
  /**
   * Most messages of one partition applied in one transaction when they are waiting (under load);
   * default 1, a transaction per message. A lone message is always applied on its own. A message
   * that fails in a batch rolls the batch back: those before it are applied again without it, and
   * it goes through the one-message path (its retries, parking, dead letter). Not for consumers
   * whose handlers call out (a provider call inside a batch would hold the others back).
   */
  maxBatchSize?: number;
  /**
   * For consumers whose handlers call out (checkout's provider calls): at most this many messages
   * in flight at once, each in its own transaction, started as soon as the one before it with the
   * same key is done, without waiting for other keys, partitions or the next fetch. Offsets are
   * committed as the messages below them finish. Default 0: off (a partition's messages one after
   * another). Not with `maxBatchSize` > 1.
   */
  keyConcurrency?: number;
  /** A member that stops heartbeating (SIGKILL) loses its partitions after this long; default 6000 ms. */
  sessionTimeoutMs?: number;
  /** How often to look for parked messages whose retry is due; default 250 ms. */
  parkedPollMs?: number;
  /** Called after a transaction that applied a message committed (e.g. to wake the outbox relay). */
  afterCommit?: (envelope: Envelope) => void;
  /** Told what became of each message (for metrics). */
  onOutcome?: (topic: string, outcome: MessageOutcome) => void;
}

export type MessageOutcome = 'applied' | 'duplicate' | 'parked' | 'dead_lettered';

/** Failed attempts retried at once, in place, before a message is parked (optimistic conflicts clear that fast). */
const IMMEDIATE_ATTEMPTS = 3;
/** An idle fetch returns after this long; `stop()` waits for the fetch in flight (kafkajs default 5 s). */
const IDLE_FETCH_WAIT_MS = 1_000;
const RELAUNCH_AFTER_MS = 1_000;
/** While `keyConcurrency` messages are in flight, the fetch waits, heartbeating this often. */
const FULL_HEARTBEAT_MS = 1_000;
/** A message that could not be settled (database or broker away) is tried again after 200 ms, doubling to 5 s. */
const SETTLE_BACKOFF: RetryPolicy = { attempts: Number.MAX_SAFE_INTEGER, initialBackoffMs: 200, maxBackoffMs: 5_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How a batch transaction ended: every message in it applied (or skipped, or queued), or the index of the one that failed. */
type BatchAttempt = { readonly ok: true; readonly outcomes: readonly AppliedOutcome[] } | { readonly ok: false; readonly failedAt: number };
type AppliedOutcome = 'applied' | 'duplicate' | 'queued';

interface Decoded {
  readonly message: KafkaMessage;
  readonly envelope: Envelope;
  readonly delivery: Delivery;
}

/**
 * Consumes with manual offset commits, several partitions at once. Each message is applied once per
 * consumer group: the inbox row and the handler's effects commit in one transaction, and only then
 * is the offset committed. A message whose handler keeps failing is parked (a table row with a
 * not-before time) and the partition moves on; later messages of its key queue behind it, and a
 * retrier applies them in order when due, or dead-letters the message when its attempts run out.
 * A failure before any handler ran (database down) is thrown: the offset stays uncommitted and
 * kafkajs restarts the consumer where it was.
 */
export class InboxConsumer {
  private readonly schema: string;
  private readonly retry: RetryPolicy;
  private readonly logger: Logger;
  private readonly applier: InboxApplier;
  private consumer?: Consumer;
  private producer?: Producer;
  private retrier?: ParkedMessageRetrier;
  private stopped = false;

  private readonly maxBatchSize: number;
  private readonly keyConcurrency: number;
  private readonly lanes = new KeyLanes();
  /** Per `topic/partition`, in the current group generation (`keyConcurrency` only). */
  private watermarks = new Map<string, OffsetWatermark>();
  private commits: Promise<void> = Promise.resolve();

  constructor(private readonly opts: InboxConsumerOptions) {
    this.schema = assertSchemaName(opts.schema);
    this.maxBatchSize = opts.maxBatchSize ?? 1;
    if (!Number.isInteger(this.maxBatchSize) || this.maxBatchSize < 1) throw new RangeError(`maxBatchSize must be a whole number from 1, got ${opts.maxBatchSize}`);
    this.keyConcurrency = opts.keyConcurrency ?? 0;
    if (!Number.isInteger(this.keyConcurrency) || this.keyConcurrency < 0) throw new RangeError(`keyConcurrency must be a whole number from 0, got ${opts.keyConcurrency}`);
    if (this.keyConcurrency > 0 && this.maxBatchSize > 1) throw new RangeError('keyConcurrency and maxBatchSize > 1 do not go together');
    this.retry = assertRetryPolicy(opts.retry ?? DEFAULT_RETRY_POLICY);
    this.logger = opts.logger ?? silentLogger;
    this.applier = new InboxApplier(opts.db, this.schema, opts.groupId, opts.handler);
  }

  /** Resolves once subscribed, running and a member of the group. */
  async start(): Promise<void> {
    if (this.consumer) return;
    this.stopped = false;
    const producer = createOrderedProducer(this.opts.kafka);
    await producer.connect();
    try {
      await this.launch(producer);
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
    this.producer = producer;
    this.retrier = new ParkedMessageRetrier({
      db: this.opts.db, schema: this.schema, groupId: this.opts.groupId, applier: this.applier, retry: this.retry, producer, logger: this.logger,
      pollMs: this.opts.parkedPollMs, onOutcome: this.opts.onOutcome, afterCommit: (envelope) => this.opts.afterCommit?.(envelope),
    });
    this.retrier.start();
    this.logger.info({ groupId: this.opts.groupId, topics: this.opts.topics }, 'inbox consumer started');
  }

  private async launch(producer: Producer): Promise<void> {
    const { kafka, groupId, topics } = this.opts;
    const sessionTimeout = this.opts.sessionTimeoutMs ?? 6_000;
    const consumer = kafka.consumer({
      groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: IDLE_FETCH_WAIT_MS,
      sessionTimeout, heartbeatInterval: Math.max(500, Math.floor(sessionTimeout / 3)),
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.logger.error({ err: payload.error, groupId, restart: payload.restart }, 'kafka consumer crashed');
      // kafkajs gives up on errors it deems final (a commit after the group moved on, say): start afresh.
      if (!payload.restart && !this.stopped) this.relaunchSoon(consumer, producer);
    });
    // A new generation may hand this member other partitions, and fetches from the committed offsets again.
    this.watermarks = new Map();
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.watermarks = new Map();
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: this.opts.fromBeginning ?? false });
      const partitionsConsumedConcurrently = this.opts.partitionsConsumedConcurrently ?? 6;
      await consumer.run(this.runConfig(consumer, producer, partitionsConsumedConcurrently));
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    this.consumer = consumer;
  }

  private runConfig(consumer: Consumer, producer: Producer, partitionsConsumedConcurrently: number): ConsumerRunConfig {
    if (this.keyConcurrency > 0) {
      return { autoCommit: false, partitionsConsumedConcurrently, eachBatchAutoResolve: false, eachBatch: (payload) => this.dispatchBatch(consumer, producer, payload) };
    }
    if (this.maxBatchSize > 1) {
      return { autoCommit: false, partitionsConsumedConcurrently, eachBatchAutoResolve: false, eachBatch: (payload) => this.consumeBatch(consumer, producer, payload) };
    }
    return { autoCommit: false, partitionsConsumedConcurrently, eachMessage: (payload) => this.consume(consumer, producer, payload) };
  }

  private relaunchSoon(crashed: Consumer, producer: Producer): void {
    setTimeout(() => {
      if (this.stopped || this.consumer !== crashed) return;
      this.logger.warn({ groupId: this.opts.groupId }, 'restarting the kafka consumer');
      void crashed.disconnect().catch(() => undefined)
        .then(() => this.launch(producer))
        .catch((error: unknown) => {
          this.logger.error({ err: error, groupId: this.opts.groupId }, 'kafka consumer restart failed; trying again');
          this.relaunchSoon(crashed, producer);
        });
    }, RELAUNCH_AFTER_MS);
  }

  /** Stops retrying parked messages, leaves the group once the messages in progress are done, then disconnects. */
  async stop(): Promise<void> {
    this.stopped = true;
    const { consumer, producer, retrier } = this;
    this.consumer = undefined;
    this.producer = undefined;
    this.retrier = undefined;
    await retrier?.stop();
    // Messages in flight finish (and commit); those waiting to be tried again give up, uncommitted.
    await this.lanes.idle();
    await this.commits;
    if (consumer) await consumer.disconnect();
    if (producer) await producer.disconnect();
  }

  private async consume(consumer: Consumer, producer: Producer, payload: EachMessagePayload): Promise<void> {
    const { topic, partition, message } = payload;
    await this.settle(producer, topic, partition, message);
    await this.commit(consumer, topic, partition, message.offset);
  }

  /** Applies, skips, parks or dead-letters one message; throws when it could do none of these (database or broker away). */
  private async settle(producer: Producer, topic: string, partition: number, message: KafkaMessage): Promise<void> {
    const delivery: Delivery = { topic, partition, offset: message.offset, headers: headersToRecord(message.headers) };
    // A child of the span that enqueued the message (its `traceparent`), so one payment is one trace.
    const failure = await inSpan(`${topic} process`, { kind: SpanKind.CONSUMER, attributes: this.spanAttributes(delivery) },
      () => this.handle(message, delivery), extractTraceContext(delivery.headers));
    if (failure) {
      // If this throws, the offset stays uncommitted and kafkajs redelivers the message.
      await publishDeadLetter(producer, { topic, partition, message, consumerGroup: this.opts.groupId, error: failure.error, failedAt: new Date() });
      this.logger.error({ err: failure.error, ...this.where(delivery) }, 'message sent to the dead-letter topic');
      this.opts.onOutcome?.(topic, 'dead_lettered');
    }
  }

  /**
   * `keyConcurrency`: hands each message of the batch to its key's lane and returns without waiting
   * for them (so the next fetch is not held up by a slow handler), unless the lanes are full.
   */
  private async dispatchBatch(consumer: Consumer, producer: Producer, payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const { topic, partition } = batch;
    const lane = `${topic}/${partition}`;
    const gone = () => this.stopped || !isRunning() || isStale();
    for (const message of batch.messages) {
      while (!(await this.lanes.below(this.keyConcurrency, FULL_HEARTBEAT_MS))) {
        if (gone()) return;
        await heartbeat();
      }
      if (gone()) return;
      const watermark = this.watermarks.get(lane) ?? new OffsetWatermark();
      this.watermarks.set(lane, watermark);
      const finish = watermark.add(BigInt(message.offset));
      // Messages without a Kafka key keep their partition's order.
      const key = message.key !== null && message.key.length > 0 ? `key:${message.key.toString('utf8')}` : lane;
      void this.lanes.run(key, async () => {
        if (!(await this.settleUntilDone(producer, topic, partition, message))) return;
        finish();
        await this.commitWatermark(consumer, topic, partition, watermark);
      });
      resolveOffset(message.offset);
    }
  }

  /** Settles a message, trying again while the database or broker is away; false when the consumer stopped first (left uncommitted). */
  private async settleUntilDone(producer: Producer, topic: string, partition: number, message: KafkaMessage): Promise<boolean> {
    for (let failures = 1; ; failures += 1) {
      try {
        await this.settle(producer, topic, partition, message);
        return true;
      } catch (error) {
        if (this.stopped) return false;
        const waitMs = backoffMs(SETTLE_BACKOFF, failures);
        this.logger.warn({ err: error, groupId: this.opts.groupId, topic, partition, offset: message.offset, waitMs }, 'could not settle a message; trying again');
        await sleep(waitMs);
        if (this.stopped) return false;
      }
    }
  }

  /** Commits the partition's watermark if it moved; one commit at a time, so a lower one never lands after a higher one. */
  private commitWatermark(consumer: Consumer, topic: string, partition: number, watermark: OffsetWatermark): Promise<void> {
    this.commits = this.commits.then(async () => {
      const next = watermark.committable;
      if (next === undefined) return;
      watermark.committed = next;
      await this.commit(consumer, topic, partition, (next - 1n).toString());
    });
    return this.commits;
  }

  /**
   * A fetched batch of one partition: runs of waiting messages applied a transaction per run (at
   * most `maxBatchSize`), then their offsets committed at once. A lone message, one that does not
   * decode, and one that failed in a run take the one-message path.
   */
  private async consumeBatch(consumer: Consumer, producer: Producer, payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const { topic, partition } = batch;
    let next = 0;
    while (next < batch.messages.length && isRunning() && !isStale()) {
      const run = this.decodedRun(topic, partition, batch.messages.slice(next, next + this.maxBatchSize));
      const applied = run.length > 1 ? await this.applyRun(run) : 0;
      if (applied > 0) {
        const last = run[applied - 1].message;
        await this.commit(consumer, topic, partition, last.offset);
        resolveOffset(last.offset);
        next += applied;
      } else {
        const message = batch.messages[next];
        await this.consume(consumer, producer, { topic, partition, message, heartbeat, pause: payload.pause });
        resolveOffset(message.offset);
        next += 1;
      }
      await heartbeat();
    }
  }

  /** The longest run of messages from the start that decode (a message that does not is dead-lettered on its own). */
  private decodedRun(topic: string, partition: number, messages: readonly KafkaMessage[]): Decoded[] {
    const run: Decoded[] = [];
    for (const message of messages) {
      try {
        const envelope = decodeEnvelope(message.value);
        run.push({ message, envelope, delivery: { topic, partition, offset: message.offset, headers: headersToRecord(message.headers) } });
      } catch {
        break;
      }
    }
    return run;
  }

  /**
   * Applies a run in one transaction; if one of its messages fails, applies those before it (if any)
   * in one transaction again. Resolves to how many messages from the start were settled (0: none,
   * the first goes the one-message way).
   */
  private async applyRun(run: readonly Decoded[]): Promise<number> {
    let size = run.length;
    while (size > 1) {
      const attempt = await this.attemptRun(run.slice(0, size));
      if (attempt.ok) {
        run.slice(0, size).forEach(({ delivery, envelope }, index) => this.report(delivery, envelope, attempt.outcomes[index]));
        return size;
      }
      // A failure after the last message (the commit itself) leaves it to the one-message path, with its retries.
      size = attempt.failedAt < size ? attempt.failedAt : 0;
    }
    return 0;
  }

  private async attemptRun(run: readonly Decoded[]): Promise<BatchAttempt> {
    let current = 0;
    try {
      const outcomes = await inSpan('inbox transaction', { attributes: { 'messaging.batch.message_count': run.length } }, () => this.opts.db.transaction(async (sql) => {
        const done: AppliedOutcome[] = [];
        for (current = 0; current < run.length; current += 1) {
          const { message, envelope, delivery } = run[current];
          const key = parkingKey(message, envelope);
          done.push(await inSpan(`${delivery.topic} process`, { kind: SpanKind.CONSUMER, attributes: this.spanAttributes(delivery) }, async (): Promise<AppliedOutcome> => {
            if (await this.queueBehindParked(sql, message, envelope, delivery, key)) return 'queued';
            return this.applier.applyIn(sql, envelope, delivery, { handlerRan: false });
          }, extractTraceContext(delivery.headers)));
        }
        return done;
      }));
      return { ok: true, outcomes };
    } catch (error) {
      this.logger.warn({ err: error, groupId: this.opts.groupId, failedAt: current, messages: run.length }, 'a batch failed and was rolled back; applying it in parts');
      return { ok: false, failedAt: current };
    }
  }

  private async commit(consumer: Consumer, topic: string, partition: number, offset: string): Promise<void> {
    try {
      await consumer.commitOffsets([{ topic, partition, offset: (BigInt(offset) + 1n).toString() }]);
    } catch (error) {
      // The group moved on (a rebalance): the new owner gets the messages again and the inbox skips them.
      this.logger.warn({ err: error, groupId: this.opts.groupId, topic, partition, offset }, 'offset commit failed; the messages will be redelivered and skipped');
    }
  }

  private spanAttributes(delivery: Delivery): Record<string, string | number> {
    return {
      'messaging.system': 'kafka', 'messaging.destination.name': delivery.topic, 'messaging.destination.partition.id': String(delivery.partition),
      'messaging.kafka.offset': Number(delivery.offset), 'messaging.consumer.group.name': this.opts.groupId,
      'messaging.message.id': delivery.headers[MessageHeader.messageId] ?? '',
    };
  }

  /** Resolves to the error to dead-letter the message with, or undefined when it was applied, skipped or parked. */
  private async handle(message: KafkaMessage, delivery: Delivery): Promise<{ error: unknown } | undefined> {
    let envelope: Envelope;
    try {
      envelope = decodeEnvelope(message.value);
    } catch (error) {
      if (error instanceof ContractViolationError) return { error };
      throw error;
    }
    const key = parkingKey(message, envelope);
    const queue = (sql: Sql) => this.queueBehindParked(sql, message, envelope, delivery, key);
    for (let failures = 0; ; ) {
      const attempt: Attempt = await this.applier.attempt(envelope, delivery, queue);
      if (attempt.ok) {
        this.report(delivery, envelope, attempt.outcome);
        return undefined;
      }
      if (isPermanentFailure(attempt.error)) return { error: attempt.error };
      if (!attempt.handlerRan) throw attempt.error;
      failures += 1;
      if (!hasAttemptsLeft(this.retry, failures)) return { error: attempt.error };
      if (failures < IMMEDIATE_ATTEMPTS) continue;
      await this.park(message, envelope, delivery, key, failures, attempt.error);
      return undefined;
    }
  }

  /** True (and parked) when an earlier message with this key is parked: it must go first. */
  private async queueBehindParked(sql: Sql, message: KafkaMessage, envelope: Envelope, delivery: Delivery, key: string): Promise<boolean> {
    if (!(await isKeyParked(sql, this.schema, this.opts.groupId, key))) return false;
    await parkMessage(sql, this.schema, this.parkedRow(message, envelope, delivery, key, 0, new Date(), null));
    return true;
  }

  private async park(message: KafkaMessage, envelope: Envelope, delivery: Delivery, key: string, failures: number, error: unknown): Promise<void> {
    const waitMs = backoffMs(this.retry, failures);
    const row = this.parkedRow(message, envelope, delivery, key, failures, new Date(Date.now() + waitMs), errorText(error));
    await this.opts.db.transaction((sql) => parkMessage(sql, this.schema, row));
    this.logger.warn({ err: error, ...this.where(delivery), messageId: envelope.id, failures, waitMs }, 'handler failed; message parked for a later retry');
    this.opts.onOutcome?.(delivery.topic, 'parked');
  }

  private parkedRow(message: KafkaMessage, envelope: Envelope, delivery: Delivery, key: string, attempts: number, notBefore: Date, lastError: string | null) {
    return {
      consumerGroup: this.opts.groupId, messageKey: key, topic: delivery.topic, partition: delivery.partition, offset: delivery.offset,
      kafkaKey: message.key === null ? null : message.key.toString('utf8'), messageId: envelope.id, messageType: envelope.type,
      value: message.value as Buffer, headers: delivery.headers, attempts, notBefore, lastError,
    };
  }

  private report(delivery: Delivery, envelope: Envelope, outcome: 'applied' | 'duplicate' | 'queued'): void {
    if (outcome === 'queued') {
      this.logger.info({ ...this.where(delivery), messageId: envelope.id }, 'an earlier message of its key is parked; parked behind it');
      this.opts.onOutcome?.(delivery.topic, 'parked');
      return;
    }
    this.opts.onOutcome?.(delivery.topic, outcome);
    if (outcome === 'applied') this.opts.afterCommit?.(envelope);
    else this.logger.info({ ...this.where(delivery), messageId: envelope.id }, 'message already applied; skipped');
  }

  private where(delivery: Delivery): Record<string, unknown> {
    const { topic, partition, offset } = delivery;
    return { groupId: this.opts.groupId, topic, partition, offset };
  }
}

/** Messages with the same key keep their order: the Kafka key, else the envelope's (always set). */
function parkingKey(message: KafkaMessage, envelope: Envelope): string {
  return message.key !== null && message.key.length > 0 ? message.key.toString('utf8') : envelope.key;
}
