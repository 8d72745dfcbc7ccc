import { Consumer, EachMessagePayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { ContractViolationError, Envelope, decodeEnvelope } from '@payments/contracts';
import { Database, assertSchemaName } from '@payments/persistence';
import { publishDeadLetter } from './dead-letter.publisher';
import { recordInboxMessage } from './inbox.sql';
import { createOrderedProducer } from './kafka-client.factory';
import { Logger, silentLogger } from './logger.port';
import { headersToRecord } from './message-headers.mapper';
import { HandlerContext, MessageHandler, UnprocessableMessageError } from './message-handler.port';
import { DEFAULT_RETRY_POLICY, RetryPolicy, assertRetryPolicy, backoffMs, hasAttemptsLeft } from './retry.policy';

export interface InboxConsumerOptions {
  kafka: Kafka;
  db: Database;
  /** The service's schema, holding its `inbox` table. */
  schema: string;
  groupId: string;
  topics: string[];
  handler: MessageHandler;
  /** Default: 5 attempts, 200 ms doubling to at most 5 s. */
  retry?: RetryPolicy;
  logger?: Logger;
  /** Where a group without a committed offset starts; default false (only new messages). */
  fromBeginning?: boolean;
  /**
   * Called after the handler's transaction committed and before the Kafka offset is committed.
   * If it throws, the offset is not committed: the message is redelivered and the inbox skips it.
   */
  afterCommit?: (envelope: Envelope) => void;
  /** Told what became of each message: applied, skipped as already applied, or dead-lettered (for metrics). */
  onOutcome?: (topic: string, outcome: MessageOutcome) => void;
}

export type MessageOutcome = 'applied' | 'duplicate' | 'dead_lettered';

type Delivery = Omit<HandlerContext, 'sql'>;
type Heartbeat = () => Promise<void>;
type Attempt = { ok: true; applied: boolean } | { ok: false; error: unknown; handlerRan: boolean };

const HEARTBEAT_EVERY_MS = 500;
/** An idle fetch returns after this long; `stop()` waits for the fetch in flight (kafkajs default 5 s). */
const IDLE_FETCH_WAIT_MS = 1_000;

/** Raised while waiting to retry when `stop()` is called: the message is left uncommitted for redelivery. */
export class ConsumerStoppingError extends Error {
  readonly code = 'MESSAGING.CONSUMER_STOPPING';
  constructor() {
    super('consumer is stopping; the message will be redelivered');
    this.name = 'ConsumerStoppingError';
  }
}

/**
 * Consumes with manual offset commits. Each message is applied once per consumer group: the inbox
 * row and the handler's effects commit in one transaction, and only then is the offset committed,
 * so a redelivery after a crash finds the inbox row and skips the handler. A handler that keeps
 * failing, or a message that breaks its contract, goes to `<topic>.dlq` and the partition moves on.
 */
export class InboxConsumer {
  private readonly schema: string;
  private readonly retry: RetryPolicy;
  private readonly logger: Logger;
  private consumer?: Consumer;
  private producer?: Producer;
  private stopping = false;

  constructor(private readonly opts: InboxConsumerOptions) {
    this.schema = assertSchemaName(opts.schema);
    this.retry = assertRetryPolicy(opts.retry ?? DEFAULT_RETRY_POLICY);
    this.logger = opts.logger ?? silentLogger;
  }

  /** Resolves once subscribed and running; the group join completes in the background. */
  async start(): Promise<void> {
    if (this.consumer) return;
    this.stopping = false;
    const { kafka, groupId, topics } = this.opts;
    const producer = createOrderedProducer(kafka);
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: IDLE_FETCH_WAIT_MS });
    consumer.on(consumer.events.CRASH, ({ payload }) =>
      this.logger.error({ err: payload.error, groupId, restart: payload.restart }, 'kafka consumer crashed'),
    );
    try {
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: this.opts.fromBeginning ?? false });
      await consumer.run({ autoCommit: false, eachMessage: (payload) => this.consume(consumer, producer, payload) });
    } catch (error) {
      await Promise.allSettled([consumer.disconnect(), producer.disconnect()]);
      throw error;
    }
    this.consumer = consumer;
    this.producer = producer;
    this.logger.info({ groupId, topics }, 'inbox consumer started');
  }

  /** Leaves the group once the message in progress is done (a retry wait is cut short), then disconnects. */
  async stop(): Promise<void> {
    this.stopping = true;
    const { consumer, producer } = this;
    this.consumer = undefined;
    this.producer = undefined;
    if (consumer) await consumer.disconnect();
    if (producer) await producer.disconnect();
  }

  private async consume(consumer: Consumer, producer: Producer, payload: EachMessagePayload): Promise<void> {
    const { topic, partition, message, heartbeat } = payload;
    const delivery: Delivery = { topic, partition, offset: message.offset, headers: headersToRecord(message.headers) };
    const failure = await this.apply(message, delivery, heartbeat);
    if (failure) {
      // If this throws, the offset stays uncommitted and kafkajs redelivers the message.
      await publishDeadLetter(producer, {
        topic,
        partition,
        message,
        consumerGroup: this.opts.groupId,
        error: failure.error,
        failedAt: new Date(),
      });
      this.logger.error({ err: failure.error, ...this.where(delivery) }, 'message sent to the dead-letter topic');
      this.opts.onOutcome?.(topic, 'dead_lettered');
    }
    await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
  }

  /**
   * Resolves to the error to dead-letter the message with, or undefined when it is applied (now or
   * before). A failure before the handler ran (database unreachable) is not the message's fault: after
   * the retries it is thrown, so the offset stays uncommitted and kafkajs redelivers.
   */
  private async apply(message: KafkaMessage, delivery: Delivery, heartbeat: Heartbeat): Promise<{ error: unknown } | undefined> {
    let envelope: Envelope;
    try {
      envelope = decodeEnvelope(message.value);
    } catch (error) {
      if (isContractViolation(error)) return { error };
      throw error;
    }
    for (let failures = 1; ; failures += 1) {
      const attempt = await this.attempt(envelope, delivery);
      if (attempt.ok) {
        this.opts.onOutcome?.(delivery.topic, attempt.applied ? 'applied' : 'duplicate');
        if (attempt.applied) this.opts.afterCommit?.(envelope);
        else this.logger.info({ ...this.where(delivery), messageId: envelope.id }, 'message already applied; skipped');
        return undefined;
      }
      const { error, handlerRan } = attempt;
      if (isContractViolation(error) || error instanceof UnprocessableMessageError) return { error };
      if (!hasAttemptsLeft(this.retry, failures)) {
        if (handlerRan) return { error };
        throw error;
      }
      const waitMs = backoffMs(this.retry, failures);
      this.logger.warn({ err: error, ...this.where(delivery), messageId: envelope.id, failures, waitMs }, 'handler failed; retrying');
      await this.waitWithHeartbeat(waitMs, heartbeat);
    }
  }

  /** One attempt in one transaction: record in the inbox, and run the handler only if the row is new. */
  private async attempt(envelope: Envelope, delivery: Delivery): Promise<Attempt> {
    let handlerRan = false;
    try {
      const applied = await this.opts.db.transaction(async (sql) => {
        const fresh = await recordInboxMessage(sql, this.schema, {
          messageId: envelope.id,
          consumerGroup: this.opts.groupId,
          topic: delivery.topic,
        });
        if (fresh) {
          handlerRan = true;
          await this.opts.handler(envelope, { ...delivery, sql });
        }
        return fresh;
      });
      return { ok: true, applied };
    } catch (error) {
      return { ok: false, error, handlerRan };
    }
  }

  private async waitWithHeartbeat(ms: number, heartbeat: Heartbeat): Promise<void> {
    const until = Date.now() + ms;
    for (let left = ms; left > 0; left = until - Date.now()) {
      if (this.stopping) throw new ConsumerStoppingError();
      await new Promise((resolve) => setTimeout(resolve, Math.min(left, HEARTBEAT_EVERY_MS)));
      await heartbeat();
    }
  }

  private where(delivery: Delivery): Record<string, unknown> {
    const { topic, partition, offset } = delivery;
    return { groupId: this.opts.groupId, topic, partition, offset };
  }
}

function isContractViolation(error: unknown): boolean {
  return error instanceof ContractViolationError;
}
