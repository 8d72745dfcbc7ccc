import { Inject, Injectable } from '@nestjs/common';
import { Database } from '@payments/persistence';
import { PaymentProviderPort, ProviderName } from '@payments/providers';
import { redactDeep } from '@payments/observability';
import { CLOCK, Clock, DATABASE, Outbox } from '@payments/nest-runtime';
import { ourOrderId, routeProviderEvent } from './domain/provider-event-routing';

export const PROVIDERS = Symbol('PROVIDERS');
export type ProviderRegistry = ReadonlyMap<ProviderName, PaymentProviderPort>;

export type IngestOutcome = 'published' | 'stored' | 'ignored' | 'duplicate';

function parseJson(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { unparsable: true };
  }
}

@Injectable()
export class IngestWebhookService {
  constructor(
    @Inject(PROVIDERS) private readonly providers: ProviderRegistry,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Verifies the signature (throws WebhookSignatureError), then in one transaction records the event
   * by provider event id and enqueues its normalized message. A redelivered event changes nothing.
   */
  async ingest(provider: ProviderName, rawBody: Buffer, headers: Record<string, string | string[] | undefined>) {
    const adapter = this.providers.get(provider);
    if (!adapter) throw new Error(`provider ${provider} is not configured`);
    const parsed = adapter.parseWebhook(rawBody, headers);
    const event = 'event' in parsed ? parsed.event : null;
    const providerEventId = event ? event.providerEventId : parsed.providerEventId;
    const routed = event ? routeProviderEvent(event) : null;
    const outcome: IngestOutcome = !event ? 'ignored' : routed?.publish ? 'published' : 'stored';
    const receivedAt = this.clock.now();

    const inserted = await this.db.transaction(async (sql) => {
      const rows = await sql.query<{ inserted: boolean }>(
        `INSERT INTO webhook_ingest.provider_events
           (provider, provider_event_id, provider_type, order_id, outcome, payload, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (provider, provider_event_id)
           DO UPDATE SET deliveries = webhook_ingest.provider_events.deliveries + 1
         RETURNING (xmax = 0) AS inserted`,
        [provider, providerEventId, event?.providerType ?? ('providerType' in parsed ? parsed.providerType : 'unknown'),
          event ? ourOrderId(event) : null, outcome, JSON.stringify(redactDeep(parseJson(rawBody))), receivedAt],
      );
      const isNew = rows[0].inserted;
      if (isNew && event && routed?.publish) {
        const envelope = routed.toMessage({ correlationId: providerEventId }, receivedAt);
        await this.outbox.enqueue(sql, [{ topic: routed.topic, envelope }]);
      }
      return isNew;
    });
    if (inserted) this.outbox.notify();
    return { providerEventId, outcome: inserted ? outcome : ('duplicate' as const) };
  }
}
