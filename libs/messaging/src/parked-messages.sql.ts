import { Database, Sql, assertSchemaName } from '@payments/persistence';

// Every statement on the parked-messages table, written out in one place. A message whose handler
// failed is parked here with a not-before time instead of being retried in place, and so is every
// later message with the same key (per-key order holds); the consumer moves on to other keys.

export function parkedMessagesDdl(schema: string): string[] {
  const s = assertSchemaName(schema);
  return [
    `CREATE TABLE IF NOT EXISTS ${s}.parked_messages (
       id              bigserial   PRIMARY KEY,
       consumer_group  text        NOT NULL,
       message_key     text        NOT NULL,
       topic           text        NOT NULL,
       kafka_partition integer     NOT NULL,
       kafka_offset    bigint      NOT NULL,
       kafka_key       text,
       message_id      text,
       message_type    text,
       value           bytea       NOT NULL,
       headers         jsonb       NOT NULL DEFAULT '{}',
       attempts        integer     NOT NULL DEFAULT 0,
       not_before      timestamptz NOT NULL DEFAULT now(),
       last_error      text,
       parked_at       timestamptz NOT NULL DEFAULT now(),
       UNIQUE (consumer_group, topic, kafka_partition, kafka_offset)
     )`,
    `CREATE INDEX IF NOT EXISTS parked_messages_by_key ON ${s}.parked_messages (consumer_group, message_key, id)`,
    `CREATE INDEX IF NOT EXISTS parked_messages_due ON ${s}.parked_messages (consumer_group, not_before)`,
  ];
}

export interface ParkedMessage {
  consumerGroup: string;
  messageKey: string;
  topic: string;
  partition: number;
  offset: string;
  kafkaKey: string | null;
  messageId: string | null;
  messageType: string | null;
  value: Buffer;
  headers: Record<string, string>;
  /** Failed attempts so far (0 when parked only because an earlier message of its key is). */
  attempts: number;
  notBefore: Date;
  lastError: string | null;
}

export interface ParkedRow extends ParkedMessage {
  id: string;
}

/** Whether a message with this key is parked: a later one must then queue behind it. */
export async function isKeyParked(sql: Sql, schema: string, consumerGroup: string, messageKey: string): Promise<boolean> {
  const s = assertSchemaName(schema);
  const rows = await sql.query<{ parked: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${s}.parked_messages WHERE consumer_group = $1 AND message_key = $2) AS parked`,
    [consumerGroup, messageKey],
  );
  return rows[0]?.parked === true;
}

/** Parks a message; parking the same delivery again (a redelivery after a crash) changes nothing. */
export async function parkMessage(sql: Sql, schema: string, m: ParkedMessage): Promise<void> {
  const s = assertSchemaName(schema);
  await sql.query(
    `INSERT INTO ${s}.parked_messages
       (consumer_group, message_key, topic, kafka_partition, kafka_offset, kafka_key, message_id, message_type, value, headers, attempts, not_before, last_error)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (consumer_group, topic, kafka_partition, kafka_offset) DO NOTHING`,
    [m.consumerGroup, m.messageKey, m.topic, m.partition, m.offset, m.kafkaKey, m.messageId, m.messageType, m.value,
      JSON.stringify(m.headers), m.attempts, m.notBefore, m.lastError],
  );
}

/** The first parked message of each key whose time has come (only a key's first may be retried). */
export async function dueParkedHeads(db: Database, schema: string, consumerGroup: string, limit: number): Promise<{ id: string; message_key: string }[]> {
  const s = assertSchemaName(schema);
  return db.query(
    `SELECT p.id, p.message_key FROM ${s}.parked_messages p
      WHERE p.consumer_group = $1 AND p.not_before <= now()
        AND NOT EXISTS (SELECT 1 FROM ${s}.parked_messages q
                         WHERE q.consumer_group = p.consumer_group AND q.message_key = p.message_key AND q.id < p.id)
      ORDER BY p.not_before LIMIT $2`,
    [consumerGroup, limit],
  );
}

/**
 * Takes a parked key's first message for a retry in the caller's transaction, or null when another
 * replica holds the key or the message is gone. The key's advisory lock keeps two retriers apart.
 */
export async function takeParkedHead(sql: Sql, schema: string, consumerGroup: string, id: string, messageKey: string): Promise<ParkedRow | null> {
  const s = assertSchemaName(schema);
  const [lock] = await sql.query<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked`, [`${s}:${consumerGroup}:${messageKey}`]);
  if (!lock?.locked) return null;
  const rows = await sql.query<Record<string, unknown>>(`SELECT * FROM ${s}.parked_messages WHERE id = $1 FOR UPDATE SKIP LOCKED`, [id]);
  return rows[0] ? rowOf(rows[0]) : null;
}

export async function deleteParked(sql: Sql, schema: string, id: string): Promise<void> {
  await sql.query(`DELETE FROM ${assertSchemaName(schema)}.parked_messages WHERE id = $1`, [id]);
}

export async function rescheduleParked(db: Database, schema: string, id: string, attempts: number, notBefore: Date, lastError: string): Promise<void> {
  await db.query(
    `UPDATE ${assertSchemaName(schema)}.parked_messages SET attempts = $2, not_before = $3, last_error = $4 WHERE id = $1`,
    [id, attempts, notBefore, lastError],
  );
}

/** What is parked for a group, oldest first: for operators and metrics. */
export async function listParked(db: Database, schema: string, consumerGroup?: string): Promise<ParkedRow[]> {
  const s = assertSchemaName(schema);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT * FROM ${s}.parked_messages WHERE ($1::text IS NULL OR consumer_group = $1) ORDER BY id`,
    [consumerGroup ?? null],
  );
  return rows.map(rowOf);
}

/** An operator's "retry now": the parked message is due at once (the retrier takes it if it heads its key); false when it is gone. */
export async function retryParkedNow(db: Database, schema: string, id: string): Promise<boolean> {
  const rows = await db.query<{ id: string }>(`UPDATE ${assertSchemaName(schema)}.parked_messages SET not_before = now() WHERE id = $1 RETURNING id`, [id]);
  return rows.length > 0;
}

function rowOf(row: Record<string, unknown>): ParkedRow {
  return {
    id: String(row.id),
    consumerGroup: row.consumer_group as string,
    messageKey: row.message_key as string,
    topic: row.topic as string,
    partition: row.kafka_partition as number,
    offset: String(row.kafka_offset),
    kafkaKey: (row.kafka_key as string | null) ?? null,
    messageId: (row.message_id as string | null) ?? null,
    messageType: (row.message_type as string | null) ?? null,
    value: row.value as Buffer,
    headers: (row.headers as Record<string, string>) ?? {},
    attempts: row.attempts as number,
    notBefore: new Date(row.not_before as string),
    lastError: (row.last_error as string | null) ?? null,
  };
}
