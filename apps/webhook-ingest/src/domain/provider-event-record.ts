import { ContractViolationError, Envelope, Topic, validateEnvelope } from '@payments/contracts';
import { ParsedWebhook, WebhookPayloadError } from '@payments/providers';
import { RoutedProviderEvent, ourOrderId, routeProviderEvent } from './provider-event-routing';
import { storedPayload } from './stored-payload';

export type IngestOutcome = 'published' | 'stored' | 'ignored' | 'duplicate';

/** One verified webhook as webhook-ingest records it: its row, and the message to publish if any. */
export interface ProviderEventRecord {
  readonly providerEventId: string;
  readonly providerType: string;
  /** Our order id when the event names one of ours. */
  readonly orderId: string | null;
  readonly outcome: Exclude<IngestOutcome, 'duplicate'>;
  /** The redacted body, as JSON text. */
  readonly payload: string;
  readonly message: { readonly topic: Topic; readonly envelope: Envelope } | null;
}

/**
 * The message is checked against its contract before anything is written: a verified event whose
 * fields do not make a valid message is refused (`WEBHOOK.INVALID_FIELD`, 400), never recorded
 * half-read or published for every consumer to dead-letter.
 */
function checkedMessage(routed: Extract<RoutedProviderEvent, { publish: true }>, providerEventId: string, receivedAt: Date) {
  const envelope = routed.toMessage({ correlationId: providerEventId }, receivedAt);
  try {
    validateEnvelope(envelope);
  } catch (error) {
    if (!(error instanceof ContractViolationError)) throw error;
    throw new WebhookPayloadError('WEBHOOK.INVALID_FIELD', `the event does not make a valid ${envelope.type}: ${error.details.join('; ')}`);
  }
  return { topic: routed.topic, envelope };
}

/** What to record for a verified, parsed webhook whose body is `body`. Throws `WebhookPayloadError`. */
export function providerEventRecord(parsed: ParsedWebhook, body: unknown, receivedAt: Date): ProviderEventRecord {
  const event = 'event' in parsed ? parsed.event : null;
  const routed = event ? routeProviderEvent(event) : null;
  const message = routed?.publish ? checkedMessage(routed, parsed.providerEventId, receivedAt) : null;
  return {
    providerEventId: parsed.providerEventId,
    providerType: parsed.providerType,
    orderId: event ? ourOrderId(event) : null,
    outcome: !event ? 'ignored' : message ? 'published' : 'stored',
    payload: storedPayload(body),
    message,
  };
}
