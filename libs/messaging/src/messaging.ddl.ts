import { assertSchemaName } from '@payments/persistence';
import { inboxDdl } from './inbox.sql';
import { outboxDdl } from './outbox.sql';
import { parkedMessagesDdl } from './parked-messages.sql';

/**
 * The statements creating `${schema}.outbox`, `${schema}.inbox` and `${schema}.parked_messages` with their indexes; idempotent
 * (IF NOT EXISTS), for a service's migration. The schema itself is created if missing.
 */
export function messagingDdl(schema: string): string[] {
  const s = assertSchemaName(schema);
  return [`CREATE SCHEMA IF NOT EXISTS ${s}`, ...outboxDdl(s), ...inboxDdl(s), ...parkedMessagesDdl(s)];
}
