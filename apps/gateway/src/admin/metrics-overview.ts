import { PromSample, summarizeHistogram } from './prometheus-text';
import { MetricsOverviewDto } from './metrics-overview.dto';

export const OVERVIEW_FAMILIES = [
  'payments_orders_paid_total', 'payments_payment_attempts_failed_total', 'payments_payment_to_grant_seconds', 'payments_consumer_lag', 'payments_outbox_backlog',
] as const;

const GRANT = 'payments_payment_to_grant_seconds';

/** The console's overview from each service's own samples (the families above), at one instant. */
export function metricsOverview(byService: ReadonlyMap<string, readonly PromSample[]>, unavailable: readonly string[], sampledAt: Date): MetricsOverviewDto {
  const all = [...byService.values()].flat();
  const providers = new Map<string, { paid: number; failed: number }>();
  for (const sample of all) {
    const field = sample.name === 'payments_orders_paid_total' ? 'paid' : sample.name === 'payments_payment_attempts_failed_total' ? 'failed' : null;
    if (!field) continue;
    const totals = providers.get(sample.labels.provider ?? 'unknown') ?? { paid: 0, failed: 0 };
    totals[field] += sample.value;
    providers.set(sample.labels.provider ?? 'unknown', totals);
  }
  const grant = summarizeHistogram(all, GRANT);
  return {
    sampledAt: sampledAt.toISOString(),
    payments: [...providers].sort(([a], [b]) => a.localeCompare(b)).map(([provider, totals]) => ({ provider, ...totals })),
    paymentToGrant: {
      count: grant.count, sumSeconds: grant.sumSeconds,
      buckets: grant.buckets.map(({ le, count }) => ({ le: Number.isFinite(le) ? String(le) : '+Inf', count })),
    },
    consumerLag: [...byService].flatMap(([service, samples]) => samples.filter((s) => s.name === 'payments_consumer_lag')
      .map((s) => ({ service, group: s.labels.group ?? '', topic: s.labels.topic ?? '', lag: s.value }))),
    outboxBacklog: [...byService].flatMap(([service, samples]) => samples.filter((s) => s.name === 'payments_outbox_backlog').map((s) => ({ service, backlog: s.value }))),
    unavailable: [...unavailable],
  };
}
