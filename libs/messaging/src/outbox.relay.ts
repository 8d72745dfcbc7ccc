import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Kafka, Message, Producer, TopicMessages } from 'kafkajs';
import { Envelope, encodeEnvelope } from '@payments/contracts';
import { Database, assertSchemaName } from '@payments/persistence';
import { createOrderedProducer } from './kafka-client.factory';
import { Logger, silentLogger } from './logger.port';
import {
  ClaimedOutboxRow,
  claimOutboxBatch,
  deletePublishedOutboxRows,
  markOutboxPublished,
  releaseOutboxClaim,
} from './outbox.sql';

export interface OutboxRelayOptions {
  db: Database;
  /** The service's schema, holding its `outbox` table. */
  schema: string;
  kafka: Kafka;
  logger?: Logger;
  /** Rows claimed and published per cycle; default 100. */
  batchSize?: number;
  /** Wait between cycles when the outbox is drained; default 200 ms. `notify()` cuts it short. */
  pollIntervalMs?: number;
  /** How long a claim lasts; a crashed relay's rows are taken over after it. Default 30 s. */
  leaseMs?: number;
  /** Written to `claimed_by`; default host, pid and a random suffix. */
  instanceId?: string;
}

const RETENTION = { olderThanDays: 7, limit: 1_000, everyMs: 10 * 60_000 };
const ERROR_PAUSE_MS = 1_000;

/**
 * Publishes committed outbox rows to Kafka: claims a batch under a lease, sends it with one awaited
 * `sendBatch` on an idempotent producer, and marks the rows published only after the broker's ack.
 * Delivery is at-least-once (a lease that expires mid-send can publish twice); consumers dedupe by id.
 */
export class OutboxRelay {
  private readonly schema: string;
  private readonly logger: Logger;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly instanceId: string;
  private producer?: Promise<Producer>;
  private loop?: Promise<void>;
  private running = false;
  private woken = false;
  private wake?: () => void;
  private cycle: Promise<unknown> = Promise.resolve();
  private lastRetentionAt = 0;

  constructor(private readonly opts: OutboxRelayOptions) {
    this.schema = assertSchemaName(opts.schema);
    this.logger = opts.logger ?? silentLogger;
    this.batchSize = opts.batchSize ?? 100;
    this.pollIntervalMs = opts.pollIntervalMs ?? 200;
    this.leaseMs = opts.leaseMs ?? 30_000;
    this.instanceId = opts.instanceId ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  }

  /** Connects the producer and starts polling in the background. */
  async start(): Promise<void> {
    if (this.loop) return;
    await this.connectedProducer();
    this.running = true;
    this.loop = this.run();
    this.logger.info({ schema: this.schema, instanceId: this.instanceId }, 'outbox relay started');
  }

  /** Finishes the cycle in progress, then disconnects. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    await this.cycle;
    const producer = this.producer;
    this.producer = undefined;
    if (producer) await (await producer.catch(() => undefined))?.disconnect();
  }

  /** Starts the next cycle now instead of after the poll interval, e.g. right after a commit. */
  notify(): void {
    this.woken = true;
    this.wake?.();
  }

  /**
   * One claim + publish cycle; resolves to the number of messages published. Rejects when the
   * publish failed (the claimed rows are released for the next cycle). Cycles of one relay never overlap.
   */
  relayOnce(): Promise<number> {
    const next = this.cycle.then(() => this.claimAndPublish());
    this.cycle = next.catch(() => undefined);
    return next;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      let failed = false;
      try {
        published = await this.relayOnce();
        await this.deletePublishedIfDue();
      } catch (error) {
        failed = true;
        this.logger.error({ err: error, schema: this.schema }, 'outbox relay cycle failed');
      }
      if (this.running && (failed || published < this.batchSize)) {
        await this.idle(failed ? Math.max(ERROR_PAUSE_MS, this.pollIntervalMs) : this.pollIntervalMs);
      }
    }
  }

  private async claimAndPublish(): Promise<number> {
    const producer = await this.connectedProducer();
    const rows = await claimOutboxBatch(this.opts.db, this.schema, {
      instanceId: this.instanceId,
      batchSize: this.batchSize,
      leaseMs: this.leaseMs,
    });
    if (rows.length === 0) return 0;
    const ids = rows.map((row) => row.id);
    try {
      await producer.sendBatch({ acks: -1, topicMessages: topicMessagesInSeqOrder(rows) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await releaseOutboxClaim(this.opts.db, this.schema, { ids, instanceId: this.instanceId, error: message }).catch(
        (releaseError) => this.logger.warn({ err: releaseError }, 'outbox claim not released; its lease will expire'),
      );
      this.logger.warn({ err: error, count: rows.length, attempts: maxAttempts(rows) }, 'outbox publish failed');
      throw error;
    }
    await markOutboxPublished(this.opts.db, this.schema, ids);
    this.logger.debug?.({ schema: this.schema, count: rows.length }, 'outbox batch published');
    return rows.length;
  }

  private connectedProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = createOrderedProducer(this.opts.kafka);
      const connecting = producer.connect().then(() => producer);
      this.producer = connecting;
      connecting.catch(() => {
        if (this.producer === connecting) this.producer = undefined;
      });
    }
    return this.producer;
  }

  private async deletePublishedIfDue(): Promise<void> {
    if (Date.now() - this.lastRetentionAt < RETENTION.everyMs) return;
    this.lastRetentionAt = Date.now();
    await deletePublishedOutboxRows(this.opts.db, this.schema, RETENTION);
  }

  private idle(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}

/** Rows grouped by topic, each group in seq order; one key maps to one partition, so its order holds. */
export function topicMessagesInSeqOrder(rows: readonly ClaimedOutboxRow[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const row of rows) {
    const messages = byTopic.get(row.topic) ?? [];
    messages.push({ key: row.message_key, value: encodeEnvelope(envelopeOf(row.payload)), headers: row.headers });
    byTopic.set(row.topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/** The stored jsonb loses field order; rebuild it so published values read like freshly encoded ones. */
function envelopeOf(stored: Envelope): Envelope {
  const { id, type, version, occurredAt, correlationId, causationId, key, payload } = stored;
  return { id, type, version, occurredAt, correlationId, causationId, key, payload };
}

function maxAttempts(rows: readonly ClaimedOutboxRow[]): number {
  return Math.max(...rows.map((row) => row.attempts));
}
