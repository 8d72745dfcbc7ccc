import { Inject, Injectable } from '@nestjs/common';
import { EnvelopeOrigin, SettlementFetchRequestedV1, SettlementReported, SettlementV1, buildMessage, uuidV5 } from '@payments/contracts';
import { OutboundMessage } from '@payments/messaging';
import { Sql } from '@payments/persistence';
import { ProviderError } from '@payments/providers';
import { CLOCK, Clock, Outbox } from '@payments/nest-runtime';
import { LOGGER, Logger } from '@payments/observability';
import { settlementParts } from './domain/settlement-parts';
import { SETTLEMENT_PROVIDERS, SettlementProviders } from './settlement-providers';

/** Namespace of the ids of SettlementReported parts (a fixed random UUID; never change it). */
const SETTLEMENT_PART_NAMESPACE = '9e4b2c71-3f8a-4d5e-8b6c-2a7d1f0e9c35';

/** What one fetch came to. */
export type FetchOutcome = { readonly parts: number } | { readonly error: string };

/**
 * Fetches what a provider settled on a day for order-ledger's reconciliation run, inside the
 * consumer's inbox transaction, and reports it on settlements.reports in parts of at most
 * SETTLEMENT_LINES_PER_PART lines. A part's message id derives from (run, part), so a redelivered
 * request enqueues the same messages. Whatever the provider answers with a `ProviderError` (refused,
 * unreachable, not configured) is reported as one part with its code, so the run is recorded
 * failed and can be asked for again; anything else is thrown for the consumer to retry.
 */
@Injectable()
export class SettlementFetchService {
  constructor(
    @Inject(SETTLEMENT_PROVIDERS) private readonly providers: SettlementProviders,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly outbox: Outbox,
  ) {}

  async fetch(sql: Sql, request: SettlementFetchRequestedV1, origin: EnvelopeOrigin): Promise<FetchOutcome> {
    const fetched = await this.listSettlements(request);
    const now = this.clock.now();
    const parts = 'error' in fetched ? [[]] : settlementParts(fetched.settlements);
    const messages: OutboundMessage[] = parts.map((settlements, index) => ({
      topic: SettlementReported.topic,
      envelope: buildMessage(SettlementReported, {
        id: uuidV5(SETTLEMENT_PART_NAMESPACE, `${request.runId}:${index + 1}`),
        key: `${request.provider}:${request.date}`,
        origin,
        occurredAt: now,
        payload: {
          runId: request.runId, provider: request.provider, date: request.date, part: index + 1, parts: parts.length, settlements,
          ...('error' in fetched ? { error: fetched.error } : {}), fetchedAt: now.toISOString(),
        },
      }),
    }));
    await this.outbox.enqueue(sql, messages);
    if ('error' in fetched) return fetched;
    this.logger.info({ runId: request.runId, provider: request.provider, date: request.date, parts: parts.length }, 'settlements fetched');
    return { parts: parts.length };
  }

  private async listSettlements(request: SettlementFetchRequestedV1): Promise<{ settlements: SettlementV1[] } | { error: string }> {
    const provider = this.providers.get(request.provider);
    if (!provider) return this.refused(request, 'PROVIDER.NOT_CONFIGURED', `${request.provider} is not configured to list settlements here`);
    try {
      return { settlements: await provider.listSettlements({ date: request.date }) };
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      return this.refused(request, error.code, error.message);
    }
  }

  private refused(request: SettlementFetchRequestedV1, code: string, detail: string): { error: string } {
    this.logger.warn({ runId: request.runId, provider: request.provider, date: request.date, code, detail }, 'settlements could not be fetched');
    return { error: code };
  }
}
