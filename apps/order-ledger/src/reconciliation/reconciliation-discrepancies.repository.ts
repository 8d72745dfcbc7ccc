import type { DiscrepancyKind, ProviderName } from '@payments/contracts';
import { uuidV5 } from '@payments/contracts';
import { Sql } from '@payments/persistence';
import { StoredDiscrepancy } from './domain/discrepancy-changes';
import { ReportDiscrepancy } from './domain/settlement-day-report';
import { Finding } from './domain/settlement-matching.types';
import { isoOrNull, numberOrNull, textOrNull } from './reconciliation-rows';

/** Namespace of reconciliation's derived ids (a fixed random UUID; never change it). */
export const RECONCILIATION_NAMESPACE = '5d0c8f3e-7a41-4b6e-9c2f-1e8a7b3d6f90';

export interface DiscrepancyFilter {
  readonly provider?: ProviderName;
  readonly date?: string;
  readonly kind?: DiscrepancyKind;
  /** `open` (default), `resolved` or `all`. */
  readonly status: 'open' | 'resolved' | 'all';
  readonly limit: number;
}

interface Scope {
  readonly provider: ProviderName;
  readonly date: string;
  readonly runId: string;
}

/** One id per (provider, day, kind, reference), however often it is found, resolved and found again. */
export function discrepancyIdOf(provider: ProviderName, date: string, kind: DiscrepancyKind, reference: string): string {
  return uuidV5(RECONCILIATION_NAMESPACE, `discrepancy:${provider}:${date}:${kind}:${reference}`);
}

const COLUMNS = `discrepancy_id, provider, to_char(settlement_date, 'YYYY-MM-DD') AS settlement_date, kind, reference, order_id, currency,
  provider_minor, ledger_minor, status, found_at, resolved_at`;

/** The discrepancies reconciliation found, one row per (provider, day, kind, reference). */
export class ReconciliationDiscrepanciesRepository {
  /** The day's discrepancies, locked for the run that reconciles it. */
  async ofDay(sql: Sql, provider: ProviderName, date: string): Promise<StoredDiscrepancy[]> {
    const rows = await sql.query<{ discrepancy_id: string; kind: DiscrepancyKind; reference: string; status: 'open' | 'resolved' }>(
      `SELECT discrepancy_id, kind, reference, status FROM order_ledger.reconciliation_discrepancies
        WHERE provider = $1 AND settlement_date = $2 ORDER BY discrepancy_id FOR UPDATE`,
      [provider, date],
    );
    return rows.map((row) => ({ discrepancyId: row.discrepancy_id, kind: row.kind, reference: row.reference, status: row.status }));
  }

  /** New, or open again after it was resolved. */
  async found(sql: Sql, scope: Scope, finding: Finding, at: Date): Promise<string> {
    const discrepancyId = discrepancyIdOf(scope.provider, scope.date, finding.kind, finding.reference);
    await sql.query(
      `INSERT INTO order_ledger.reconciliation_discrepancies (discrepancy_id, provider, settlement_date, kind, reference, order_id, currency,
         provider_minor, ledger_minor, status, found_run_id, found_at, last_seen_run_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10, $11, $10)
       ON CONFLICT (discrepancy_id) DO UPDATE SET status = 'open', order_id = $6, currency = $7, provider_minor = $8, ledger_minor = $9,
         found_run_id = $10, found_at = $11, last_seen_run_id = $10, resolved_run_id = NULL, resolved_at = NULL`,
      [discrepancyId, scope.provider, scope.date, finding.kind, finding.reference, finding.orderId, finding.currency, finding.providerMinor, finding.ledgerMinor, scope.runId, at],
    );
    return discrepancyId;
  }

  /** Still there: its figures as this run saw them. */
  async seenAgain(sql: Sql, scope: Scope, finding: Finding): Promise<void> {
    await sql.query(
      `UPDATE order_ledger.reconciliation_discrepancies SET order_id = $2, currency = $3, provider_minor = $4, ledger_minor = $5, last_seen_run_id = $6
        WHERE discrepancy_id = $1`,
      [discrepancyIdOf(scope.provider, scope.date, finding.kind, finding.reference), finding.orderId, finding.currency, finding.providerMinor, finding.ledgerMinor, scope.runId],
    );
  }

  async resolved(sql: Sql, discrepancyId: string, runId: string, at: Date): Promise<void> {
    await sql.query(
      `UPDATE order_ledger.reconciliation_discrepancies SET status = 'resolved', resolved_run_id = $2, resolved_at = $3 WHERE discrepancy_id = $1`,
      [discrepancyId, runId, at],
    );
  }

  /** Newest day first. */
  async list(sql: Sql, filter: DiscrepancyFilter): Promise<ReportDiscrepancy[]> {
    const rows = await sql.query<Record<string, unknown>>(
      `SELECT ${COLUMNS} FROM order_ledger.reconciliation_discrepancies
        WHERE ($1::text IS NULL OR provider = $1) AND ($2::date IS NULL OR settlement_date = $2) AND ($3::text IS NULL OR kind = $3)
          AND ($4::text = 'all' OR status = $4)
        ORDER BY settlement_date DESC, provider, kind, reference LIMIT $5`,
      [filter.provider ?? null, filter.date ?? null, filter.kind ?? null, filter.status, filter.limit],
    );
    return rows.map(discrepancyOf);
  }

  /** Open discrepancies by provider and kind, for the gauge. */
  async openCounts(sql: Sql): Promise<{ provider: string; kind: string; open: number }[]> {
    const rows = await sql.query<{ provider: string; kind: string; open: string }>(
      `SELECT provider, kind, count(*) AS open FROM order_ledger.reconciliation_discrepancies WHERE status = 'open' GROUP BY provider, kind`,
    );
    return rows.map((row) => ({ provider: row.provider, kind: row.kind, open: Number(row.open) }));
  }
}

function discrepancyOf(row: Record<string, unknown>): ReportDiscrepancy {
  return {
    discrepancyId: row.discrepancy_id as string, provider: row.provider as ProviderName, date: row.settlement_date as string, kind: row.kind as DiscrepancyKind,
    reference: row.reference as string, orderId: textOrNull(row.order_id), currency: row.currency as string,
    providerMinor: numberOrNull(row.provider_minor), ledgerMinor: numberOrNull(row.ledger_minor), status: row.status as 'open' | 'resolved',
    foundAt: isoOrNull(row.found_at) as string, resolvedAt: isoOrNull(row.resolved_at),
  };
}
