import { parsePrometheusText, summarizeHistogram } from './prometheus-text';

const TEXT = `# HELP payments_orders_paid_total Orders paid, by provider
# TYPE payments_orders_paid_total counter
payments_orders_paid_total{provider="stripe",service="gateway"} 3
payments_orders_paid_total{provider="cashfree",service="gateway"} 1
payments_consumer_lag{group="order-ledger",topic="orders.commands",service="order-ledger"} 0
payments_payment_to_grant_seconds_bucket{le="0.5",service="gateway"} 1
payments_payment_to_grant_seconds_bucket{le="+Inf",service="gateway"} 4
payments_payment_to_grant_seconds_sum{service="gateway"} 6.5
payments_payment_to_grant_seconds_count{service="gateway"} 4
process_cpu_seconds_total{service="gateway"} 12
odd_metric{note="a \\"quoted\\" value"} 1`;

describe('reading Prometheus text', () => {
  it('keeps only the families asked for, with their labels and values', () => {
    const samples = parsePrometheusText(TEXT, ['payments_orders_paid_total', 'payments_consumer_lag']);
    expect(samples).toEqual([
      { name: 'payments_orders_paid_total', labels: { provider: 'stripe', service: 'gateway' }, value: 3 },
      { name: 'payments_orders_paid_total', labels: { provider: 'cashfree', service: 'gateway' }, value: 1 },
      { name: 'payments_consumer_lag', labels: { group: 'order-ledger', topic: 'orders.commands', service: 'order-ledger' }, value: 0 },
    ]);
  });

  it('unescapes quoted label values', () => {
    expect(parsePrometheusText(TEXT, ['odd_metric'])[0].labels.note).toBe('a "quoted" value');
  });

  it('sums a histogram into count, sum and cumulative buckets, +Inf last', () => {
    const summary = summarizeHistogram(parsePrometheusText(TEXT, ['payments_payment_to_grant_seconds']), 'payments_payment_to_grant_seconds');
    expect(summary).toEqual({ count: 4, sumSeconds: 6.5, buckets: [{ le: 0.5, count: 1 }, { le: Number.POSITIVE_INFINITY, count: 4 }] });
  });
});
