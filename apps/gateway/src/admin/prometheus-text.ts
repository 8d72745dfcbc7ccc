/** One sample of the Prometheus text format: `name{label="value",...} 12.5`. */
export interface PromSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function unescape(value: string): string {
  return value.replace(/\\(["\\n])/g, (_match, char: string) => (char === 'n' ? '\n' : char));
}

/** The samples of the families asked for (comments and other families skipped; a histogram's family covers its _bucket, _sum and _count). */
export function parsePrometheusText(text: string, families: readonly string[]): PromSample[] {
  const wanted = (name: string) => families.some((family) => name === family || name === `${family}_bucket` || name === `${family}_sum` || name === `${family}_count`);
  const samples: PromSample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE.exec(line.trim());
    if (!match || !wanted(match[1])) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL)) labels[key] = unescape(value);
    const value = match[3] === '+Inf' ? Number.POSITIVE_INFINITY : Number(match[3]);
    if (!Number.isNaN(value)) samples.push({ name: match[1], labels, value });
  }
  return samples;
}

export interface HistogramSummary {
  readonly count: number;
  readonly sumSeconds: number;
  /** Upper bound (seconds, `+Inf` as Infinity) -> observations at or below it. */
  readonly buckets: readonly { le: number; count: number }[];
}

/** Adds up a histogram's samples over every label set (replicas, services). */
export function summarizeHistogram(samples: readonly PromSample[], family: string): HistogramSummary {
  const buckets = new Map<number, number>();
  let count = 0;
  let sumSeconds = 0;
  for (const sample of samples) {
    if (sample.name === `${family}_count`) count += sample.value;
    else if (sample.name === `${family}_sum`) sumSeconds += sample.value;
    else if (sample.name === `${family}_bucket`) {
      const le = sample.labels.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(sample.labels.le);
      buckets.set(le, (buckets.get(le) ?? 0) + sample.value);
    }
  }
  return { count, sumSeconds, buckets: [...buckets].sort(([a], [b]) => a - b).map(([le, n]) => ({ le, count: n })) };
}
