import { Envelope } from '@payments/contracts';
import { Sql } from '@payments/persistence';
import { injectTraceHeaders } from '@payments/observability';
import { outboundHeaders } from './message-headers.mapper';
import { insertOutboxRows } from './outbox.sql';

/** A message to publish once the caller's transaction commits. */
export interface OutboundMessage {
  topic: string;
  envelope: Envelope;
  /** Extra Kafka headers; `message-id`, `message-type`, `message-version`, `correlation-id` (and `traceparent` when tracing) are always set. */
  headers?: Record<string, string>;
}

/**
 * Writes the messages to `${schema}.outbox` with `sql`, which must be the caller's transaction, so
 * they are published if and only if it commits. Kafka key = `envelope.key`. Enqueueing a message id
 * that is already in the outbox does nothing.
 */
export async function enqueueOutbox(sql: Sql, schema: string, messages: readonly OutboundMessage[]): Promise<void> {
  await insertOutboxRows(
    sql,
    schema,
    messages.map((message) => ({
      id: message.envelope.id,
      topic: message.topic,
      key: message.envelope.key,
      envelope: message.envelope,
      // The active span (the request or message that caused this one) travels as `traceparent`.
      headers: outboundHeaders(message.envelope, injectTraceHeaders({ ...message.headers })),
    })),
  );
}
