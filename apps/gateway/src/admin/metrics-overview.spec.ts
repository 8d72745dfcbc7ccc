import { metricsOverview } from './metrics-overview';
import { PromSample } from './prometheus-text';

const sample = (name: string, value: number, labels: Record<string, string> = {}): PromSample => ({ name, labels, value });

describe('the metrics overview', () => {
  it('adds payments and failures up by provider, and keeps lag and backlog per service', () => {
    const overview = metricsOverview(new Map([
      ['gateway', [
        sample('payments_orders_paid_total', 3, { provider: 'stripe' }), sample('payments_orders_paid_total', 1, { provider: 'cashfree' }),
        sample('payments_payment_attempts_failed_total', 2, { provider: 'stripe' }),
        sample('payments_payment_to_grant_seconds_bucket', 1, { le: '1' }), sample('payments_payment_to_grant_seconds_bucket', 3, { le: '+Inf' }),
        sample('payments_payment_to_grant_seconds_count', 3), sample('payments_payment_to_grant_seconds_sum', 4.5),
        sample('payments_outbox_backlog', 0),
      ]],
      ['order-ledger', [sample('payments_consumer_lag', 7, { group: 'order-ledger', topic: 'orders.commands' }), sample('payments_outbox_backlog', 2)]],
    ]), ['checkout'], new Date('2026-01-01T00:00:00Z'));
    expect(overview).toEqual({
      sampledAt: '2026-01-01T00:00:00.000Z',
      payments: [{ provider: 'cashfree', paid: 1, failed: 0 }, { provider: 'stripe', paid: 3, failed: 2 }],
      paymentToGrant: { count: 3, sumSeconds: 4.5, buckets: [{ le: '1', count: 1 }, { le: '+Inf', count: 3 }] },
      consumerLag: [{ service: 'order-ledger', group: 'order-ledger', topic: 'orders.commands', lag: 7 }],
      outboxBacklog: [{ service: 'gateway', backlog: 0 }, { service: 'order-ledger', backlog: 2 }],
      unavailable: ['checkout'],
    });
  });
});
