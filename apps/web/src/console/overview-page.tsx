import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/http';
import { BarChart } from '../components/bar-chart';
import { ErrorNotice } from '../components/error-notice';
import { CounterSample, appendSample, perMinute } from '../lib/rates';

interface Overview {
  sampledAt: string;
  payments: { provider: string; paid: number; failed: number }[];
  paymentToGrant: { count: number; sumSeconds: number; buckets: { le: string; count: number }[] };
  consumerLag: { service: string; group: string; topic: string; lag: number }[];
  outboxBacklog: { service: string; backlog: number }[];
  unavailable: string[];
}

const POLL_MS = 5_000;
const KEEP = 60;

/** Readings of each provider's counters since the page opened, to chart per-minute rates. */
type Series = Record<string, { paid: CounterSample[]; failed: CounterSample[] }>;

function latestRate(samples: readonly CounterSample[]): number {
  return perMinute(samples).at(-1)?.rate ?? 0;
}

/** Non-cumulative counts per latency bucket, from the histogram's cumulative ones. */
function bucketBars(buckets: Overview['paymentToGrant']['buckets']) {
  return buckets.map((bucket, index) => ({ label: bucket.le === '+Inf' ? `> ${buckets[index - 1]?.le ?? 0} s` : `≤ ${bucket.le} s`, value: bucket.count - (buckets[index - 1]?.count ?? 0) }));
}

/** The overview: the services' own Prometheus metrics, read through the admin API every few seconds. */
export function OverviewPage() {
  const [overview, setOverview] = useState<Overview | null>(null);
  const [series, setSeries] = useState<Series>({});
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let stopped = false;
    const read = async () => {
      try {
        const next = await api<Overview>('/api/admin/metrics/overview');
        if (stopped) return;
        setOverview(next);
        setError(null);
        const at = Date.parse(next.sampledAt);
        setSeries((previous) => Object.fromEntries(next.payments.map(({ provider, paid, failed }) => [provider, {
          paid: appendSample(previous[provider]?.paid ?? [], { at, value: paid }, KEEP),
          failed: appendSample(previous[provider]?.failed ?? [], { at, value: failed }, KEEP),
        }])));
      } catch (failure) {
        if (!stopped) setError(failure);
      }
    };
    void read();
    const timer = setInterval(read, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);

  const providers = Object.entries(series);
  const grant = overview?.paymentToGrant;
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">Overview</h1>
      <ErrorNotice error={error} />
      {overview && overview.unavailable.length > 0 && <p class="error" role="alert">No metrics from {overview.unavailable.join(', ')}.</p>}
      <div class="charts">
        <BarChart title="Payments per minute by provider" unit="orders paid / min" bars={providers.map(([provider, s]) => ({ label: provider, value: latestRate(s.paid) }))} />
        <BarChart title="Failed payment attempts per minute by provider" unit="attempts / min" bars={providers.map(([provider, s]) => ({ label: provider, value: latestRate(s.failed) }))} />
        <BarChart title="Paid orders since start by provider" unit="orders" bars={(overview?.payments ?? []).map((p) => ({ label: p.provider, value: p.paid }))} />
        <BarChart title="Payment to access grant latency" unit="grants per bucket" bars={bucketBars(grant?.buckets ?? [])} />
        <BarChart title="Consumer lag per group" unit="messages" bars={(overview?.consumerLag ?? []).map((l) => ({ label: `${l.group} ← ${l.topic}`, value: l.lag }))} />
        <BarChart title="Outbox backlog per service" unit="messages" bars={(overview?.outboxBacklog ?? []).map((o) => ({ label: o.service, value: o.backlog }))} />
      </div>
      {grant && grant.count > 0 && <p>Mean payment-to-grant time: {(grant.sumSeconds / grant.count).toFixed(2)} s over {grant.count} grants.</p>}
    </section>
  );
}
