import { ApiError, query } from '../api/http';
import { DiscrepancyKind, ReconciliationRun, SettlementProvider } from '../api/types';

export const SETTLEMENT_PROVIDERS: readonly SettlementProvider[] = ['stripe', 'cashfree'];
export const DISCREPANCY_KINDS: readonly DiscrepancyKind[] = [
  'missing-in-ledger', 'missing-at-provider', 'amount-mismatch', 'currency-mismatch', 'settled-twice', 'unexplained-fee',
];
export const DISCREPANCY_STATUSES = ['open', 'resolved', 'all'] as const;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The UTC calendar day of an instant, `YYYY-MM-DD`: settlement days are UTC days. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

/** A real calendar day written `YYYY-MM-DD` (not 2026-02-30). */
export function isSettlementDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const at = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return utcDay(at) === text;
}

export const isSettlementProvider = (text: string): text is SettlementProvider => (SETTLEMENT_PROVIDERS as readonly string[]).includes(text);

/** A run that will not change any more. */
export const isRunFinished = (run: Pick<ReconciliationRun, 'status'>): boolean => run.status === 'reconciled' || run.status === 'failed';

export interface RunFilters { provider: string; date: string }
export interface DiscrepancyFilters { provider: string; date: string; kind: string; status: string }

const BASE = '/api/admin/reconciliation';

export const runsPath = (filters: RunFilters, limit = 50): string => `${BASE}/runs${query({ provider: filters.provider, date: filters.date, limit: String(limit) })}`;
export const runPath = (runId: string): string => `${BASE}/runs/${encodeURIComponent(runId)}`;
export const startRunPath = `${BASE}/runs`;

/** Open discrepancies unless a status is chosen, as the API defaults. */
export const discrepanciesPath = (filters: DiscrepancyFilters, limit = 500): string =>
  `${BASE}/discrepancies${query({ provider: filters.provider, date: filters.date, kind: filters.kind, status: filters.status || 'open', limit: String(limit) })}`;

export const reportPath = (provider: SettlementProvider, date: string, format: 'json' | 'csv' = 'json'): string =>
  `${BASE}/reports/${provider}/${date}${format === 'csv' ? '?format=csv' : ''}`;

/** The name a day's CSV is saved under, as the gateway's Content-Disposition names it. */
export const reportCsvFilename = (provider: SettlementProvider, date: string): string => `reconciliation-${provider}-${date}.csv`;

/** The console's page of a day's report. */
export const reportPagePath = (provider: SettlementProvider, date: string): string => `/console/reconciliation/${provider}/${date}`;

/** What the provider settled minus what the ledger holds, when both are known. */
export const discrepancyDifference = (providerMinor: number | null, ledgerMinor: number | null): number | null =>
  providerMinor === null || ledgerMinor === null ? null : providerMinor - ledgerMinor;

/** A failure worth asking again after: the gateway unreachable or a service behind it down. */
export const isTransient = (failure: unknown): boolean => failure instanceof ApiError && (failure.status === 0 || failure.status >= 500);

/** Waits `ms`, or rejects with an AbortError as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
    if (signal?.aborted) return aborted();
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      aborted();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface FollowOptions {
  /** Reads the run again (GET runs/:runId). */
  readonly read: (runId: string, signal?: AbortSignal) => Promise<ReconciliationRun>;
  /** Each state read, the first included. */
  readonly onUpdate: (run: ReconciliationRun) => void;
  /** A transient failure while following: it goes on. */
  readonly onTransientError?: (failure: unknown) => void;
  readonly signal?: AbortSignal;
  readonly intervalMs?: number;
  readonly wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Follows a run until it is reconciled or failed: reads it every `intervalMs`, telling each state.
 * An unreachable gateway or a service outage is waited out; any other refusal ends the following.
 */
export async function followRun(first: ReconciliationRun, options: FollowOptions): Promise<ReconciliationRun> {
  const wait = options.wait ?? sleep;
  let run = first;
  options.onUpdate(run);
  while (!isRunFinished(run)) {
    await wait(options.intervalMs ?? 1_000, options.signal);
    try {
      run = await options.read(run.runId, options.signal);
    } catch (failure) {
      if (!isTransient(failure)) throw failure;
      options.onTransientError?.(failure);
      continue;
    }
    options.onUpdate(run);
  }
  return run;
}
