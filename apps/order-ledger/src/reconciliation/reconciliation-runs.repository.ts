import type { ProviderName, SettlementReportedV1, SettlementV1 } from '@payments/contracts';
import { Sql } from '@payments/persistence';
import { RunStatus } from './domain/reconciliation-run.decider';
import { ReportRun } from './domain/settlement-day-report';
import { ReportPart } from './domain/settlement-report-parts';
import { isoOrNull, numberOrNull, textOrNull } from './reconciliation-rows';

/** How a run was started. */
export type RunTrigger = 'schedule' | 'admin' | 'settlement-paid';

export interface NewRun {
  readonly runId: string;
  readonly provider: ProviderName;
  readonly date: string;
  readonly trigger: RunTrigger;
  /** A scheduled run's slot (`daily@02:00`): one run per provider, day and slot. */
  readonly slot?: string;
}

export interface RunSummary {
  readonly matchedLines: number;
  readonly journalsBooked: number;
  readonly openDiscrepancies: number;
  readonly resolvedDiscrepancies: number;
}

const RUN_COLUMNS = `run_id, provider, to_char(settlement_date, 'YYYY-MM-DD') AS settlement_date, trigger, status, error, requested_at, fetched_at,
  reconciled_at, failed_at, matched_lines, journals_booked, open_discrepancies, resolved_discrepancies`;

/** Reconciliation runs and the report parts they collect, in order-ledger's schema. */
export class ReconciliationRunsRepository {
  /** False when a run with this id, or of this slot, exists already. */
  async insert(sql: Sql, run: NewRun, at: Date): Promise<boolean> {
    const inserted = await sql.query(
      `INSERT INTO order_ledger.reconciliation_runs (run_id, provider, settlement_date, trigger, slot, status, requested_at)
       VALUES ($1, $2, $3, $4, $5, 'requested', $6) ON CONFLICT DO NOTHING RETURNING run_id`,
      [run.runId, run.provider, run.date, run.trigger, run.slot ?? null, at],
    );
    return inserted.length === 1;
  }

  /** The run, locked for this transaction, so that its parts are counted one at a time. */
  async lock(sql: Sql, runId: string): Promise<ReportRun | undefined> {
    const [row] = await sql.query<Record<string, unknown>>(`SELECT ${RUN_COLUMNS} FROM order_ledger.reconciliation_runs WHERE run_id = $1 FOR UPDATE`, [runId]);
    return row ? runOf(row) : undefined;
  }

  async find(sql: Sql, runId: string): Promise<ReportRun | undefined> {
    const [row] = await sql.query<Record<string, unknown>>(`SELECT ${RUN_COLUMNS} FROM order_ledger.reconciliation_runs WHERE run_id = $1`, [runId]);
    return row ? runOf(row) : undefined;
  }

  /** Newest first; both filters optional. */
  async list(sql: Sql, filter: { provider?: ProviderName; date?: string; limit: number }): Promise<ReportRun[]> {
    const rows = await sql.query<Record<string, unknown>>(
      `SELECT ${RUN_COLUMNS} FROM order_ledger.reconciliation_runs
        WHERE ($1::text IS NULL OR provider = $1) AND ($2::date IS NULL OR settlement_date = $2)
        ORDER BY requested_at DESC, run_id LIMIT $3`,
      [filter.provider ?? null, filter.date ?? null, filter.limit],
    );
    return rows.map(runOf);
  }

  /** False when this part was stored before (a redelivered report). */
  async storePart(sql: Sql, report: SettlementReportedV1, at: Date): Promise<boolean> {
    const inserted = await sql.query(
      `INSERT INTO order_ledger.settlement_report_parts (run_id, part, parts, settlements, error, fetched_at, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING part`,
      [report.runId, report.part, report.parts, JSON.stringify(report.settlements), report.error ?? null, report.fetchedAt, at],
    );
    return inserted.length === 1;
  }

  async partsOf(sql: Sql, runId: string): Promise<ReportPart[]> {
    const rows = await sql.query<{ part: number; parts: number; settlements: SettlementV1[]; error: string | null }>(
      `SELECT part, parts, settlements, error FROM order_ledger.settlement_report_parts WHERE run_id = $1 ORDER BY part`, [runId],
    );
    return rows.map((row) => ({ part: row.part, parts: row.parts, settlements: row.settlements, error: row.error }));
  }

  async moveTo(sql: Sql, runId: string, status: RunStatus, at: Date, detail: { parts?: number; error?: string; summary?: RunSummary } = {}): Promise<void> {
    const stamp = { requested: null, fetched: 'fetched_at', reconciled: 'reconciled_at', failed: 'failed_at' }[status];
    const summary = detail.summary;
    await sql.query(
      `UPDATE order_ledger.reconciliation_runs
          SET status = $2, parts = COALESCE($3, parts), error = COALESCE($4, error),
              matched_lines = COALESCE($5, matched_lines), journals_booked = COALESCE($6, journals_booked),
              open_discrepancies = COALESCE($7, open_discrepancies), resolved_discrepancies = COALESCE($8, resolved_discrepancies)
              ${stamp ? `, ${stamp} = $9` : ''}
        WHERE run_id = $1`,
      [
        runId, status, detail.parts ?? null, detail.error ?? null, summary?.matchedLines ?? null, summary?.journalsBooked ?? null,
        summary?.openDiscrepancies ?? null, summary?.resolvedDiscrepancies ?? null, ...(stamp ? [at] : []),
      ],
    );
  }
}

function runOf(row: Record<string, unknown>): ReportRun {
  return {
    runId: row.run_id as string, provider: row.provider as ProviderName, date: row.settlement_date as string, trigger: row.trigger as string,
    status: row.status as RunStatus, error: textOrNull(row.error),
    requestedAt: isoOrNull(row.requested_at) as string, fetchedAt: isoOrNull(row.fetched_at), reconciledAt: isoOrNull(row.reconciled_at), failedAt: isoOrNull(row.failed_at),
    matchedLines: numberOrNull(row.matched_lines), journalsBooked: numberOrNull(row.journals_booked),
    openDiscrepancies: numberOrNull(row.open_discrepancies), resolvedDiscrepancies: numberOrNull(row.resolved_discrepancies),
  };
}
