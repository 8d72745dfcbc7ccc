import { assertSchemaName } from '@payments/persistence';

/** SQLSTATEs raised by the append function; `event-store.errors.ts` maps them to typed errors. */
export const CONCURRENCY_CONFLICT_SQLSTATE = 'ESC01';
export const DUPLICATE_EVENT_ID_SQLSTATE = 'ESD01';
/** Names of the unique constraints whose violations the store maps to typed errors. */
export const STREAM_VERSION_CONSTRAINT = 'events_stream_version_unique';
export const EVENT_ID_CONSTRAINT = 'events_event_id_unique';

/**
 * Tables, indexes and the append function, in order. Every statement is idempotent, so a service
 * may run them in each of its migrations.
 */
export function eventStoreDdl(schema: string): string[] {
  const s = assertSchemaName(schema);
  return [
    `CREATE TABLE IF NOT EXISTS ${s}.events (
      global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      stream_id text NOT NULL,
      stream_version integer NOT NULL CHECK (stream_version >= 1),
      event_id uuid NOT NULL,
      type text NOT NULL,
      schema_version integer NOT NULL DEFAULT 1,
      data jsonb NOT NULL,
      metadata jsonb NOT NULL DEFAULT '{}',
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT ${STREAM_VERSION_CONSTRAINT} UNIQUE (stream_id, stream_version),
      CONSTRAINT ${EVENT_ID_CONSTRAINT} UNIQUE (event_id)
    )`,
    // Without this index the catch-up poll dominates database load once the table grows.
    `CREATE INDEX IF NOT EXISTS events_transaction_order_idx ON ${s}.events (transaction_id, global_position)`,
    `CREATE TABLE IF NOT EXISTS ${s}.projection_checkpoints (
      projection_name text PRIMARY KEY,
      transaction_id xid8 NOT NULL,
      global_position bigint NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    appendFunctionDdl(s),
  ];
}

/**
 * Appends a batch to one stream, all or nothing, in one statement on the events table alone: the
 * unique `(stream_id, stream_version)` is the concurrency check (a concurrent appender of the same
 * versions waits for the first to end, then finds them taken).
 * - the stream must hold exactly `expected_version` events: its event at that version exists (a
 *   cheap index probe) and the new ones at expected_version + 1 .. are free;
 * - a retry of an append that already happened (every event id stored in this stream at
 *   expected_version + 1 ..) returns the stored rows and writes nothing; this is looked up only when
 *   nothing could be written;
 * - any other reuse of a stored event id raises ESD01;
 * - a mismatch raises ESC01 with the actual version as DETAIL.
 * Raising aborts the caller's transaction: the caller must roll it back.
 * (Earlier versions also kept a `streams` row per stream; `dropStreamsTableDdl` removes it.)
 */
export function appendFunctionDdl(schema: string): string {
  const s = assertSchemaName(schema);
  return `CREATE OR REPLACE FUNCTION ${s}.append_to_stream(
      p_stream_id text,
      p_expected_version integer,
      p_event_ids uuid[],
      p_types text[],
      p_schema_versions integer[],
      p_data jsonb[],
      p_metadata jsonb[]
    ) RETURNS TABLE (appended_version integer, appended_position bigint)
    LANGUAGE plpgsql AS $$
    DECLARE
      v_count integer := coalesce(cardinality(p_event_ids), 0);
      v_written integer := 0;
      v_stored integer;
      v_actual integer;
    BEGIN
      IF (p_expected_version = 0
          OR EXISTS (SELECT 1 FROM ${s}.events e WHERE e.stream_id = p_stream_id AND e.stream_version = p_expected_version)) THEN
        IF v_count = 0 THEN
          IF NOT EXISTS (SELECT 1 FROM ${s}.events e WHERE e.stream_id = p_stream_id AND e.stream_version = p_expected_version + 1) THEN
            RETURN;
          END IF;
        ELSE
          RETURN QUERY
            INSERT INTO ${s}.events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
            SELECT p_stream_id, (p_expected_version + given.ordinal)::integer, given.event_id, given.type,
                   given.schema_version, given.data, given.metadata
            FROM unnest(p_event_ids, p_types, p_schema_versions, p_data, p_metadata)
                 WITH ORDINALITY AS given(event_id, type, schema_version, data, metadata, ordinal)
            ORDER BY given.ordinal
            ON CONFLICT DO NOTHING
            RETURNING stream_version, global_position;
          GET DIAGNOSTICS v_written = ROW_COUNT;
          IF v_written = v_count THEN
            RETURN;
          END IF;
        END IF;
      END IF;

      -- Nothing (or not all) written. A retry of an append that did commit writes nothing and answers as it did.
      IF v_written = 0 AND v_count > 0 THEN
        RETURN QUERY
          SELECT e.stream_version, e.global_position
          FROM unnest(p_event_ids) WITH ORDINALITY AS given(event_id, ordinal)
          JOIN ${s}.events e ON e.event_id = given.event_id
          WHERE e.stream_id = p_stream_id AND e.stream_version = p_expected_version + given.ordinal
          ORDER BY given.ordinal;
        GET DIAGNOSTICS v_stored = ROW_COUNT;
        IF v_stored = v_count THEN
          RETURN;
        END IF;
      END IF;

      IF EXISTS (SELECT 1 FROM ${s}.events e WHERE e.event_id = ANY (p_event_ids)) THEN
        RAISE EXCEPTION USING
          ERRCODE = '${DUPLICATE_EVENT_ID_SQLSTATE}',
          MESSAGE = format('an event id of this append is already stored, but not as stream %s versions %s..%s',
                           p_stream_id, p_expected_version + 1, p_expected_version + v_count);
      END IF;
      SELECT coalesce(max(e.stream_version), 0) INTO v_actual FROM ${s}.events e WHERE e.stream_id = p_stream_id;
      RAISE EXCEPTION USING
        ERRCODE = '${CONCURRENCY_CONFLICT_SQLSTATE}',
        MESSAGE = format('stream %s: expected version %s, actual %s', p_stream_id, p_expected_version, v_actual),
        DETAIL = v_actual::text;
    END;
    $$`;
}

/** The per-stream version rows earlier append functions kept; the events table is the only truth now. */
export function dropStreamsTableDdl(schema: string): string {
  return `DROP TABLE IF EXISTS ${assertSchemaName(schema)}.streams`;
}

// Positions and xids leave as text (bigint/xid8 have no exact JS number). Queries alias the table
// as "e" and sort on e.<column>, so ORDER BY never picks up these text columns by name.
const EVENT_COLUMNS = `e.event_id::text, e.stream_id, e.stream_version, e.global_position::text, e.transaction_id::text,
  e.type, e.schema_version, e.data, e.metadata, e.recorded_at`;

/** The queries, in one place. Each takes the schema, already checked by the caller. */
export const eventStoreSql = {
  append: (s: string) =>
    `SELECT appended_version, appended_position::text
     FROM ${s}.append_to_stream($1, $2, $3::uuid[], $4::text[], $5::integer[], $6::jsonb[], $7::jsonb[])`,

  readStream: (s: string) =>
    `SELECT ${EVENT_COLUMNS} FROM ${s}.events e WHERE e.stream_id = $1 ORDER BY e.stream_version`,

  /**
   * The catch-up read. Only transactions below the snapshot's xmin are settled (committed or
   * rolled back), so an event committed late by a slow transaction can never land behind the
   * reader's checkpoint. Order is transaction-id order, not commit order.
   */
  readAll: (s: string) =>
    `SELECT ${EVENT_COLUMNS} FROM ${s}.events e
     WHERE e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       AND (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
     ORDER BY e.transaction_id, e.global_position
     LIMIT $3`,

  /** One runner per projection at a time; released when the transaction ends. */
  tryLockProjection: `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`,
  lockProjection: `SELECT pg_advisory_xact_lock(hashtext($1))`,

  ensureCheckpoint: (s: string) =>
    `INSERT INTO ${s}.projection_checkpoints (projection_name, transaction_id, global_position)
     VALUES ($1, '0', 0) ON CONFLICT (projection_name) DO NOTHING`,

  readCheckpointForUpdate: (s: string) =>
    `SELECT transaction_id::text, global_position::text FROM ${s}.projection_checkpoints
     WHERE projection_name = $1 FOR UPDATE`,

  // Wrapped in a SELECT so every driver returns the rows (TypeORM returns [rows, count] for UPDATE).
  compareAndSetCheckpoint: (s: string) =>
    `WITH moved AS (
       UPDATE ${s}.projection_checkpoints
       SET transaction_id = $4::xid8, global_position = $5, updated_at = now()
       WHERE projection_name = $1 AND transaction_id = $2::xid8 AND global_position = $3
       RETURNING projection_name
     )
     SELECT count(*)::int AS moved FROM moved`,

  resetCheckpoint: (s: string) =>
    `INSERT INTO ${s}.projection_checkpoints (projection_name, transaction_id, global_position)
     VALUES ($1, '0', 0)
     ON CONFLICT (projection_name) DO UPDATE SET transaction_id = '0', global_position = 0, updated_at = now()`,
};
