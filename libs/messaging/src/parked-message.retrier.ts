import { KafkaMessage, Producer } from 'kafkajs';
import { Envelope, decodeEnvelope } from '@payments/contracts';
import { Database } from '@payments/persistence';
import { publishDeadLetter } from './dead-letter.publisher';
import { AttemptProgress, Delivery, InboxApplier, errorText, isPermanentFailure } from './inbox.applier';
import { Logger } from './logger.port';
import { ParkedRow, deleteParked, dueParkedHeads, rescheduleParked, takeParkedHead } from './parked-messages.sql';
import { RetryPolicy, backoffMs, hasAttemptsLeft } from './retry.policy';

export interface ParkedRetrierOptions {
  db: Database;
  schema: string;
  groupId: string;
  applier: InboxApplier;
  retry: RetryPolicy;
  producer: Producer;
  logger: Logger;
  /** How often to look for parked messages whose time has come; default 250 ms. */
  pollMs?: number;
  onOutcome?: (topic: string, outcome: 'applied' | 'duplicate' | 'dead_lettered') => void;
  afterCommit?: (envelope: Envelope) => void;
}

const BATCH = 50;

/**
 * Retries parked messages when their not-before time comes, each key's first message only, so
 * per-key order holds; every replica of the group runs one (a key's advisory lock keeps them apart).
 * A message out of attempts, or refused for good, goes to the dead-letter topic and its key moves on.
 */
export class ParkedMessageRetrier {
  private timer?: NodeJS.Timeout;
  private cycle: Promise<void> = Promise.resolve();
  private running = false;

  constructor(private readonly opts: ParkedRetrierOptions) {}

  start(): void {
    this.running = true;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.cycle;
  }

  /** One pass over the due heads; resolves to how many were settled (applied, duplicate or dead-lettered). */
  async retryDue(): Promise<number> {
    const { db, schema, groupId } = this.opts;
    let settled = 0;
    for (const head of await dueParkedHeads(db, schema, groupId, BATCH)) {
      if (await this.retryOne(head.id, head.message_key)) settled += 1;
    }
    return settled;
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.cycle = this.retryDue()
        .then(() => undefined, (error: unknown) => this.opts.logger.warn({ err: error, groupId: this.opts.groupId }, 'parked message retry pass failed'))
        .finally(() => this.schedule());
    }, this.opts.pollMs ?? 250);
  }

  /** Retries one parked head; true when it left the table (applied, already applied, or dead-lettered). */
  private async retryOne(id: string, key: string): Promise<boolean> {
    const { db, schema, groupId, applier } = this.opts;
    let row: ParkedRow | null = null;
    let envelope: Envelope | null = null;
    const progress: AttemptProgress = { handlerRan: false };
    try {
      const outcome = await db.transaction(async (sql) => {
        row = await takeParkedHead(sql, schema, groupId, id, key);
        if (!row) return null;
        envelope = decodeEnvelope(row.value);
        const outcome = await applier.applyIn(sql, envelope, deliveryOf(row), progress);
        await deleteParked(sql, schema, id);
        return outcome;
      });
      if (outcome === null || row === null) return false;
      this.opts.onOutcome?.((row as ParkedRow).topic, outcome);
      if (outcome === 'applied' && envelope) this.opts.afterCommit?.(envelope);
      return true;
    } catch (error) {
      if (row === null) throw error;
      return this.failed(row, error, progress.handlerRan);
    }
  }

  private async failed(row: ParkedRow, error: unknown, handlerRan: boolean): Promise<boolean> {
    const { db, schema, groupId, retry, logger } = this.opts;
    // Not the message's fault (the database went away before the handler ran): try again later, same count.
    const attempts = handlerRan || isPermanentFailure(error) ? row.attempts + 1 : row.attempts;
    if (isPermanentFailure(error) || !hasAttemptsLeft(retry, attempts)) {
      await publishDeadLetter(this.opts.producer, {
        topic: row.topic, partition: row.partition, message: kafkaMessageOf(row), consumerGroup: groupId, error, failedAt: new Date(),
      });
      await db.transaction((sql) => deleteParked(sql, schema, row.id));
      logger.error({ err: error, groupId, topic: row.topic, messageId: row.messageId, attempts }, 'parked message sent to the dead-letter topic');
      this.opts.onOutcome?.(row.topic, 'dead_lettered');
      return true;
    }
    const waitMs = backoffMs(retry, attempts);
    await rescheduleParked(db, schema, row.id, attempts, new Date(Date.now() + waitMs), errorText(error));
    logger.warn({ err: error, groupId, topic: row.topic, messageId: row.messageId, attempts, waitMs }, 'parked message failed again; retrying later');
    return false;
  }
}

function deliveryOf(row: ParkedRow): Delivery {
  return { topic: row.topic, partition: row.partition, offset: row.offset, headers: row.headers };
}

export function kafkaMessageOf(row: ParkedRow): KafkaMessage {
  return {
    key: row.kafkaKey === null ? null : Buffer.from(row.kafkaKey),
    value: row.value,
    headers: row.headers,
    offset: row.offset,
    timestamp: String(Date.now()),
  } as unknown as KafkaMessage;
}
