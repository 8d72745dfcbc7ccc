import { Sql, assertSchemaName } from '@payments/persistence';

// Every statement on the inbox table, written out in one place.

export function inboxDdl(schema: string): string[] {
  const s = assertSchemaName(schema);
  return [
    `CREATE TABLE IF NOT EXISTS ${s}.inbox (
       consumer_group text        NOT NULL,
       message_id     uuid        NOT NULL,
       topic          text        NOT NULL,
       received_at    timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (consumer_group, message_id)
     )`,
    `CREATE INDEX IF NOT EXISTS inbox_received_at ON ${s}.inbox (received_at)`,
  ];
}

export interface InboxEntry {
  messageId: string;
  consumerGroup: string;
  topic: string;
}

/**
 * Records the message as applied by this consumer group, in the handler's transaction.
 * Returns false when it already was (a redelivery): the caller must then skip the handler.
 * A concurrent duplicate waits on the primary key until the first transaction ends.
 */
export async function recordInboxMessage(sql: Sql, schema: string, entry: InboxEntry): Promise<boolean> {
  const s = assertSchemaName(schema);
  const inserted = await sql.query<{ message_id: string }>(
    `INSERT INTO ${s}.inbox (message_id, consumer_group, topic, received_at)
     VALUES ($1, $2, $3, now())
     ON CONFLICT (consumer_group, message_id) DO NOTHING
     RETURNING message_id`,
    [entry.messageId, entry.consumerGroup, entry.topic],
  );
  return inserted.length === 1;
}
