import { randomUUID } from 'node:crypto';
import { Sql, assertSchemaName } from '@payments/persistence';
import { toAppendError } from './event-store.errors';
import { eventStoreSql } from './event-store.sql';
import { Checkpoint, NewEvent, StoredEvent } from './event-store.types';
import { EventRow, toStoredEvent } from './stored-event.mapper';

export interface AppendResult {
  /** The stream's version after this append: pass it as `expectedVersion` to the next one. */
  nextExpectedVersion: number;
  /** Global positions of the appended events, in the order given (bigint as string). */
  globalPositions: string[];
}

/**
 * An event store in one PostgreSQL schema (create it with `eventStoreDdl`). Every method runs on
 * the `Sql` it is given, so an append commits or rolls back with the caller's other writes.
 */
export class PostgresEventStore {
  constructor(readonly schema: string) {
    assertSchemaName(schema);
  }

  /**
   * Appends all events or none. `expectedVersion` is the number of events the caller saw in the
   * stream (0 for a new stream).
   *
   * - Stream moved on: `ConcurrencyConflictError`.
   * - Idempotent by event id: when every event id is already stored in this stream at
   *   `expectedVersion + 1 ..` (a retry of an append that did commit), nothing is written and the
   *   original result is returned; contents are not compared. Any other reuse of a stored event
   *   id: `DuplicateEventIdError`.
   * - On either error PostgreSQL has aborted the caller's transaction; it must be rolled back
   *   (`Database.transaction` does so when the error propagates).
   */
  async append(sql: Sql, streamId: string, expectedVersion: number, events: readonly NewEvent[]): Promise<AppendResult> {
    if (!Number.isInteger(expectedVersion) || expectedVersion < 0) {
      throw new RangeError(`expectedVersion must be a non-negative integer, got ${expectedVersion}`);
    }
    const eventIds = events.map((event) => event.eventId ?? randomUUID());
    try {
      const rows = await sql.query<{ appended_version: number; appended_position: string }>(eventStoreSql.append(this.schema), [
        streamId,
        expectedVersion,
        eventIds,
        events.map((event) => event.type),
        events.map((event) => event.schemaVersion ?? 1),
        // Serialised here so every driver sends the same jsonb[] literal.
        events.map((event) => JSON.stringify(event.data)),
        events.map((event) => JSON.stringify(event.metadata ?? {})),
      ]);
      const ordered = [...rows].sort((a, b) => a.appended_version - b.appended_version);
      return {
        nextExpectedVersion: expectedVersion + events.length,
        globalPositions: ordered.map((row) => row.appended_position),
      };
    } catch (error) {
      throw toAppendError(error, { streamId, expectedVersion, eventIds });
    }
  }

  async readStream(sql: Sql, streamId: string): Promise<StoredEvent[]> {
    const rows = await sql.query<EventRow>(eventStoreSql.readStream(this.schema), [streamId]);
    return rows.map(toStoredEvent);
  }

  /**
   * Events of settled transactions only, strictly after `after`, in (transactionId, globalPosition)
   * order. A transaction still open holds back every event of later transactions until it ends,
   * so a reader that advances its checkpoint to the last event it got never skips one.
   */
  async readAll(sql: Sql, after: Checkpoint, limit: number): Promise<StoredEvent[]> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    const rows = await sql.query<EventRow>(eventStoreSql.readAll(this.schema), [after.transactionId, after.globalPosition, limit]);
    return rows.map(toStoredEvent);
  }
}
