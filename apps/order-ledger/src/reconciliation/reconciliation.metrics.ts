import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import type { ProviderName } from '@payments/contracts';
import { Database } from '@payments/persistence';
import { DATABASE } from '@payments/nest-runtime';
import { METRICS, ServiceMetrics } from '@payments/observability';
import { Finding } from './domain/settlement-matching.types';
import { ReconciliationDiscrepanciesRepository } from './reconciliation-discrepancies.repository';

/**
 * `payments_reconciliation_discrepancies_found_total{provider,kind}` counts discrepancies found (and
 * found again after they were resolved); `payments_reconciliation_discrepancies_open{provider,kind}`
 * is read from the table at each scrape, so every replica reports the same, current figure.
 */
@Injectable()
export class ReconciliationMetrics {
  private readonly foundTotal: Counter<'provider' | 'kind'>;

  constructor(@Inject(METRICS) metrics: ServiceMetrics, @Inject(DATABASE) db: Database) {
    const registers = [metrics.registry];
    const discrepancies = new ReconciliationDiscrepanciesRepository();
    this.foundTotal = new Counter({
      name: 'payments_reconciliation_discrepancies_found_total', help: 'Settlement reconciliation discrepancies found, by provider and kind',
      labelNames: ['provider', 'kind'], registers,
    });
    new Gauge({
      name: 'payments_reconciliation_discrepancies_open', help: 'Settlement reconciliation discrepancies still open, by provider and kind',
      labelNames: ['provider', 'kind'], registers,
      async collect() {
        // A database outage leaves the last figures rather than failing the whole scrape.
        const counts = await discrepancies.openCounts(db).catch(() => undefined);
        if (!counts) return;
        this.reset();
        for (const { provider, kind, open } of counts) this.set({ provider, kind }, open);
      },
    });
  }

  found(provider: ProviderName, findings: readonly Finding[]): void {
    for (const finding of findings) this.foundTotal.inc({ provider, kind: finding.kind });
  }
}
