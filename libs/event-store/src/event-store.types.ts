/** An event to append. Appends are idempotent by `eventId` (see `PostgresEventStore.append`). */
export interface NewEvent {
  type: string;
  /** Version of the payload's shape; defaults to 1. */
  schemaVersion?: number;
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  /** A uuid; generated when absent. Pass a stable one to make retries of an append safe. */
  eventId?: string;
}

export interface StoredEvent {
  eventId: string;
  streamId: string;
  /** 1-based position within the stream. */
  streamVersion: number;
  /** bigint, as a string. */
  globalPosition: string;
  /** xid8 of the appending transaction, as a string. */
  transactionId: string;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  recordedAt: Date;
}

/** Where a reader stands in the global order: `(transactionId, globalPosition)` of the last event it took. */
export interface Checkpoint {
  transactionId: string;
  globalPosition: string;
}

/** Before the first event. */
export const START: Checkpoint = Object.freeze({ transactionId: '0', globalPosition: '0' });

/** The checkpoint just after `event`. */
export function checkpointOf(event: StoredEvent): Checkpoint {
  return { transactionId: event.transactionId, globalPosition: event.globalPosition };
}
