import {
  CONCURRENCY_CONFLICT_SQLSTATE,
  DUPLICATE_EVENT_ID_SQLSTATE,
  EVENT_ID_CONSTRAINT,
  STREAM_VERSION_CONSTRAINT,
} from './event-store.sql';

/** The stream moved on since the caller read it: reload, decide again, append again. */
export class ConcurrencyConflictError extends Error {
  readonly code = 'EVENT_STORE.CONCURRENCY_CONFLICT';

  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion?: number,
  ) {
    super(
      `stream "${streamId}" expected at version ${expectedVersion}` +
        (actualVersion === undefined ? ' but it moved on' : ` but it is at ${actualVersion}`),
    );
    this.name = 'ConcurrencyConflictError';
  }
}

/**
 * An event id of the append is already stored, but not as this exact append (same stream, same
 * versions). Retrying cannot help: it is a caller bug or a replayed command with new content.
 */
export class DuplicateEventIdError extends Error {
  readonly code = 'EVENT_STORE.DUPLICATE_EVENT_ID';

  constructor(
    readonly streamId: string,
    readonly eventIds: readonly string[],
  ) {
    super(`an event id of the append to stream "${streamId}" is already stored elsewhere`);
    this.name = 'DuplicateEventIdError';
  }
}

interface PgErrorFields {
  code?: string;
  constraint?: string;
  detail?: string;
}

/** node-postgres errors carry the fields; TypeORM's QueryFailedError copies them and keeps `driverError`. */
function pgErrorFields(error: unknown): PgErrorFields {
  if (typeof error !== 'object' || error === null) return {};
  const fields = error as PgErrorFields & { driverError?: PgErrorFields };
  return fields.code ? fields : (fields.driverError ?? {});
}

/** Turns a failed append into a typed error; returns anything it does not recognise unchanged. */
export function toAppendError(
  error: unknown,
  append: { streamId: string; expectedVersion: number; eventIds: readonly string[] },
): unknown {
  const { code, constraint, detail } = pgErrorFields(error);
  if (code === CONCURRENCY_CONFLICT_SQLSTATE) {
    const actual = detail === undefined ? undefined : Number.parseInt(detail, 10);
    return new ConcurrencyConflictError(append.streamId, append.expectedVersion, Number.isNaN(actual) ? undefined : actual);
  }
  if (code === '23505' && constraint === STREAM_VERSION_CONSTRAINT) {
    return new ConcurrencyConflictError(append.streamId, append.expectedVersion);
  }
  if (code === DUPLICATE_EVENT_ID_SQLSTATE || (code === '23505' && constraint === EVENT_ID_CONSTRAINT)) {
    return new DuplicateEventIdError(append.streamId, append.eventIds);
  }
  return error;
}

/** A projection's checkpoint was not where this runner read it; the batch is rolled back. */
export class CheckpointMovedError extends Error {
  readonly code = 'EVENT_STORE.CHECKPOINT_MOVED';

  constructor(readonly projectionName: string) {
    super(`checkpoint of projection "${projectionName}" moved during a batch`);
    this.name = 'CheckpointMovedError';
  }
}
