import { Envelope } from '@payments/contracts';
import { Sql, assertSchemaName } from '@payments/persistence';

// Every statement on the outbox table, written out in one place.
// Read results come from a top-level SELECT: TypeORM returns [rows, count] for a bare UPDATE ... RETURNING.

export function outboxDdl(schema: string): string[] {
  const s = assertSchemaName(schema);
  return [
    `CREATE TABLE IF NOT EXISTS ${s}.outbox (
       id            uuid        PRIMARY KEY,
       seq           bigserial   NOT NULL UNIQUE,
       topic         text        NOT NULL,
       message_key   text        NOT NULL,
       payload       jsonb       NOT NULL,
       headers       jsonb       NOT NULL DEFAULT '{}'::jsonb,
       created_at    timestamptz NOT NULL DEFAULT now(),
       published_at  timestamptz,
       claimed_by    text,
       claimed_until timestamptz,
       attempts      integer     NOT NULL DEFAULT 0,
       last_error    text
     )`,
    `CREATE INDEX IF NOT EXISTS outbox_unpublished_by_seq ON ${s}.outbox (seq) WHERE published_at IS NULL`,
    `CREATE INDEX IF NOT EXISTS outbox_unpublished_by_key ON ${s}.outbox (topic, message_key, seq) WHERE published_at IS NULL`,
    `CREATE INDEX IF NOT EXISTS outbox_published_at ON ${s}.outbox (published_at) WHERE published_at IS NOT NULL`,
  ];
}

export interface OutboxInsert {
  id: string;
  topic: string;
  key: string;
  envelope: Envelope;
  headers: Record<string, string>;
}

/** Appends in array order (so `seq` follows it); a message id already in the outbox is ignored. */
export async function insertOutboxRows(sql: Sql, schema: string, rows: readonly OutboxInsert[]): Promise<void> {
  if (rows.length === 0) return;
  const s = assertSchemaName(schema);
  await sql.query(
    `INSERT INTO ${s}.outbox (id, topic, message_key, payload, headers)
     SELECT id, topic, message_key, payload, headers
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[])
          WITH ORDINALITY AS m(id, topic, message_key, payload, headers, ord)
     ORDER BY ord
     ON CONFLICT (id) DO NOTHING`,
    [
      rows.map((row) => row.id),
      rows.map((row) => row.topic),
      rows.map((row) => row.key),
      rows.map((row) => JSON.stringify(row.envelope)),
      rows.map((row) => JSON.stringify(row.headers)),
    ],
  );
}

export interface ClaimedOutboxRow {
  id: string;
  seq: string;
  topic: string;
  message_key: string;
  payload: Envelope;
  headers: Record<string, string>;
  attempts: number;
}

export interface OutboxClaim {
  instanceId: string;
  batchSize: number;
  leaseMs: number;
}

/**
 * Leases up to `batchSize` unpublished rows (unclaimed, or whose lease expired) in seq order.
 * SKIP LOCKED lets several relays claim at once without waiting on each other. A row is left out
 * while an earlier unpublished row with the same topic and key is outside this claim (leased or
 * being claimed by another relay), so two relays never publish one key out of order.
 */
export async function claimOutboxBatch(sql: Sql, schema: string, claim: OutboxClaim): Promise<ClaimedOutboxRow[]> {
  const s = assertSchemaName(schema);
  return sql.query<ClaimedOutboxRow>(
    `WITH candidate AS (
       SELECT id, seq, topic, message_key
       FROM ${s}.outbox
       WHERE published_at IS NULL
         AND (claimed_until IS NULL OR claimed_until < now())
       ORDER BY seq
       LIMIT $1
       FOR UPDATE SKIP LOCKED
     ),
     claimable AS (
       SELECT c.id
       FROM candidate c
       WHERE NOT EXISTS (
         SELECT 1 FROM ${s}.outbox earlier
         WHERE earlier.topic = c.topic
           AND earlier.message_key = c.message_key
           AND earlier.seq < c.seq
           AND earlier.published_at IS NULL
           AND earlier.id NOT IN (SELECT id FROM candidate)
       )
     ),
     claimed AS (
       UPDATE ${s}.outbox o
       SET claimed_by = $2,
           claimed_until = now() + make_interval(secs => $3::double precision / 1000),
           attempts = o.attempts + 1
       FROM claimable
       WHERE o.id = claimable.id
       RETURNING o.id, o.seq, o.topic, o.message_key, o.payload, o.headers, o.attempts
     )
     SELECT id, seq::text AS seq, topic, message_key, payload, headers, attempts
     FROM claimed
     ORDER BY claimed.seq`,
    [claim.batchSize, claim.instanceId, claim.leaseMs],
  );
}

/** After the broker acknowledged: the rows are done, whoever holds their lease now; `claimed_by` keeps the publisher. */
export async function markOutboxPublished(sql: Sql, schema: string, ids: readonly string[]): Promise<void> {
  const s = assertSchemaName(schema);
  await sql.query(
    `UPDATE ${s}.outbox
     SET published_at = now(), claimed_until = NULL, last_error = NULL
     WHERE id = ANY($1::uuid[]) AND published_at IS NULL`,
    [ids],
  );
}

/** After a failed publish: give the rows back at once instead of waiting for the lease to expire. */
export async function releaseOutboxClaim(
  sql: Sql,
  schema: string,
  release: { ids: readonly string[]; instanceId: string; error: string },
): Promise<void> {
  const s = assertSchemaName(schema);
  await sql.query(
    `UPDATE ${s}.outbox
     SET claimed_by = NULL, claimed_until = NULL, last_error = $3
     WHERE id = ANY($1::uuid[]) AND claimed_by = $2 AND published_at IS NULL`,
    [release.ids, release.instanceId, release.error],
  );
}

/** Retention: removes at most `limit` rows published more than `olderThanDays` days ago. */
export async function deletePublishedOutboxRows(
  sql: Sql,
  schema: string,
  retention: { olderThanDays: number; limit: number },
): Promise<void> {
  const s = assertSchemaName(schema);
  await sql.query(
    `DELETE FROM ${s}.outbox
     WHERE id IN (
       SELECT id FROM ${s}.outbox
       WHERE published_at < now() - make_interval(days => $1)
       LIMIT $2
     )`,
    [retention.olderThanDays, retention.limit],
  );
}
