import { Inject, Injectable } from '@nestjs/common';
import { Database } from '@payments/persistence';
import { PaymentProviderPort, ProviderName, readWebhookJson } from '@payments/providers';
import { CLOCK, Clock, DATABASE, Outbox } from '@payments/nest-runtime';
import { IngestOutcome, providerEventRecord } from './domain/provider-event-record';

export type { IngestOutcome } from './domain/provider-event-record';

export const PROVIDERS = Symbol('PROVIDERS');
export type ProviderRegistry = ReadonlyMap<ProviderName, PaymentProviderPort>;

@Injectable()
export class IngestWebhookService {
  constructor(
    @Inject(PROVIDERS) private readonly providers: ProviderRegistry,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Verifies the signature (throws WebhookSignatureError) and reads the event (throws
   * WebhookPayloadError) before anything is written; then in one transaction records the event by
   * provider event id and enqueues its normalized message. A redelivered event changes nothing.
   */
  async ingest(provider: ProviderName, rawBody: Buffer, headers: Record<string, string | string[] | undefined>) {
    const adapter = this.providers.get(provider);
    if (!adapter) throw new Error(`provider ${provider} is not configured`);
    const parsed = adapter.parseWebhook(rawBody, headers);
    const receivedAt = this.clock.now();
    const record = providerEventRecord(parsed, readWebhookJson(rawBody), receivedAt);

    const inserted = await this.db.transaction(async (sql) => {
      const rows = await sql.query<{ inserted: boolean }>(
        `INSERT INTO webhook_ingest.provider_events
           (provider, provider_event_id, provider_type, order_id, outcome, payload, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (provider, provider_event_id)
           DO UPDATE SET deliveries = webhook_ingest.provider_events.deliveries + 1
         RETURNING (xmax = 0) AS inserted`,
        [provider, record.providerEventId, record.providerType, record.orderId, record.outcome, record.payload, receivedAt],
      );
      const isNew = rows[0].inserted;
      if (isNew && record.message) await this.outbox.enqueue(sql, [record.message]);
      return isNew;
    });
    if (inserted) this.outbox.notify();
    const outcome: IngestOutcome = inserted ? record.outcome : 'duplicate';
    return { providerEventId: record.providerEventId, outcome };
  }
}
