import { Database, Sql, assertSchemaName } from '@payments/persistence';
import { CheckpointMovedError } from './event-store.errors';
import { eventStoreSql } from './event-store.sql';
import { Checkpoint, checkpointOf } from './event-store.types';
import { PostgresEventStore } from './postgres.event-store';
import { Projection } from './projection.types';

export interface ProjectionRunnerLogger {
  info(o: object, m?: string): void;
  error(o: object, m?: string): void;
}

export interface ProjectionRunnerOptions {
  db: Database;
  /** Schema holding `projection_checkpoints` (usually the event store's). */
  schema: string;
  store: PostgresEventStore;
  projection: Projection;
  /** Events per transaction; default 100. */
  batchSize?: number;
  /** Pause between polls once caught up, in ms; default 1000. */
  pollIntervalMs?: number;
  logger?: ProjectionRunnerLogger;
}

interface BatchOutcome {
  locked: boolean;
  applied: number;
}

/**
 * Feeds one projection from the global order. Each batch is one transaction: advisory lock (one
 * instance per projection; another instance skips the round), checkpoint read FOR UPDATE, the
 * events, `handle()` for each, checkpoint compare-and-set. A failing `handle()` rolls the whole
 * batch back and the poll loop retries it after the interval, so a poison event stops this
 * projection (and only it) until fixed.
 */
export class ProjectionRunner {
  private readonly db: Database;
  private readonly schema: string;
  private readonly store: PostgresEventStore;
  private readonly projection: Projection;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly logger?: ProjectionRunnerLogger;
  private readonly lockKey: string;
  private loop?: Promise<void>;
  private stopping = false;
  private timer?: NodeJS.Timeout;
  private wake?: () => void;

  constructor(opts: ProjectionRunnerOptions) {
    this.db = opts.db;
    this.schema = assertSchemaName(opts.schema);
    this.store = opts.store;
    this.projection = opts.projection;
    this.batchSize = opts.batchSize ?? 100;
    this.pollIntervalMs = opts.pollIntervalMs ?? 1000;
    this.logger = opts.logger;
    this.lockKey = `${this.schema}.${this.projection.name}`;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new RangeError('batchSize must be a positive integer');
  }

  /** Starts polling in the background; resolves at once. */
  async start(): Promise<void> {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.pollUntilStopped();
  }

  /** Stops polling and waits for the batch in flight, if any. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  /**
   * Applies batches until nothing settled is left; returns how many events it applied. Returns 0
   * at once while another instance holds this projection.
   */
  async catchUp(): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await this.applyNextBatch();
      total += batch.applied;
      if (!batch.locked || batch.applied < this.batchSize) return total;
    }
  }

  /**
   * Resets the read model and the checkpoint in one transaction (waiting for a batch in flight
   * elsewhere), then catches up from the start. If another instance takes over the catch-up, the
   * count returned is only what this call applied.
   */
  async rebuild(): Promise<number> {
    await this.db.transaction(async (sql) => {
      await sql.query(eventStoreSql.lockProjection, [this.lockKey]);
      await this.projection.reset(sql);
      await sql.query(eventStoreSql.resetCheckpoint(this.schema), [this.projection.name]);
    });
    this.logger?.info({ projection: this.projection.name }, 'projection reset for rebuild');
    return this.catchUp();
  }

  private applyNextBatch(): Promise<BatchOutcome> {
    return this.db.transaction(async (sql) => {
      const [{ locked }] = await sql.query<{ locked: boolean }>(eventStoreSql.tryLockProjection, [this.lockKey]);
      if (!locked) return { locked: false, applied: 0 };
      const from = await this.lockCheckpoint(sql);
      const events = await this.store.readAll(sql, from, this.batchSize);
      for (const event of events) await this.projection.handle(sql, event);
      if (events.length > 0) await this.moveCheckpoint(sql, from, checkpointOf(events[events.length - 1]));
      return { locked: true, applied: events.length };
    });
  }

  private async lockCheckpoint(sql: Sql): Promise<Checkpoint> {
    await sql.query(eventStoreSql.ensureCheckpoint(this.schema), [this.projection.name]);
    const [row] = await sql.query<{ transaction_id: string; global_position: string }>(
      eventStoreSql.readCheckpointForUpdate(this.schema),
      [this.projection.name],
    );
    return { transactionId: row.transaction_id, globalPosition: row.global_position };
  }

  private async moveCheckpoint(sql: Sql, from: Checkpoint, to: Checkpoint): Promise<void> {
    const [{ moved }] = await sql.query<{ moved: number }>(eventStoreSql.compareAndSetCheckpoint(this.schema), [
      this.projection.name,
      from.transactionId,
      from.globalPosition,
      to.transactionId,
      to.globalPosition,
    ]);
    if (moved !== 1) throw new CheckpointMovedError(this.projection.name);
  }

  private async pollUntilStopped(): Promise<void> {
    while (!this.stopping) {
      try {
        const applied = await this.catchUp();
        if (applied > 0) this.logger?.info({ projection: this.projection.name, applied }, 'projection caught up');
      } catch (error) {
        this.logger?.error({ projection: this.projection.name, err: error }, 'projection batch failed; retrying after the interval');
      }
      if (!this.stopping) await this.pause();
    }
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, this.pollIntervalMs);
    });
  }
}
