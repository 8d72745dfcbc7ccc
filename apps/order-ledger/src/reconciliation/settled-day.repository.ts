import type { ProviderName, SettlementLineKindV1, SettlementV1 } from '@payments/contracts';
import { Sql } from '@payments/persistence';
import { LineOutcome } from './domain/settlement-matching.types';
import { ReportLine, ReportSettlement } from './domain/settlement-day-report';
import { journalForPayout } from './domain/settlement-postings';
import { isoOrNull, textOrNull } from './reconciliation-rows';

interface Scope {
  readonly provider: ProviderName;
  readonly date: string;
  readonly runId: string;
}

/**
 * What a provider's day settled, as its latest run found it: its payouts and every line with its
 * outcome. A run replaces the day's rows, so they always say what the provider reports now.
 */
export class SettledDayRepository {
  async replace(sql: Sql, scope: Scope, settlements: readonly SettlementV1[], lines: readonly LineOutcome[]): Promise<void> {
    const { provider, date, runId } = scope;
    await sql.query(`DELETE FROM order_ledger.settled_lines WHERE provider = $1 AND settlement_date = $2`, [provider, date]);
    await sql.query(`DELETE FROM order_ledger.settled_payouts WHERE provider = $1 AND settlement_date = $2`, [provider, date]);
    for (const [position, settlement] of settlements.entries()) {
      await sql.query(
        `INSERT INTO order_ledger.settled_payouts (provider, settlement_date, settlement_id, position, run_id, currency, amount_minor, status, paid, settled_at, bank_reference, journal_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING`,
        [
          provider, date, settlement.settlementId, position, runId, settlement.currency, settlement.amountMinor, settlement.status, settlement.paid,
          settlement.settledAt, settlement.bankReference, journalForPayout(provider, settlement)?.journalId ?? null,
        ],
      );
    }
    for (const [position, { settlementId, line, reference, outcome, journalId }] of lines.entries()) {
      // A line id the provider repeated within the day is one line: the first is kept.
      await sql.query(
        `INSERT INTO order_ledger.settled_lines (provider, settlement_date, line_id, position, settlement_id, run_id, kind, reference, order_id, currency,
           gross_minor, fee_minor, tax_on_fee_minor, net_minor, occurred_at, outcome, journal_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) ON CONFLICT DO NOTHING`,
        [
          provider, date, line.lineId, position, settlementId, runId, line.kind, reference, line.orderId, line.currency,
          line.grossMinor, line.feeMinor, line.taxOnFeeMinor, line.netMinor, line.occurredAt, outcome, journalId,
        ],
      );
    }
  }

  async settlementsOf(sql: Sql, provider: ProviderName, date: string): Promise<ReportSettlement[]> {
    const rows = await sql.query<Record<string, unknown>>(
      `SELECT settlement_id, currency, amount_minor, status, paid, settled_at, bank_reference, journal_id FROM order_ledger.settled_payouts
        WHERE provider = $1 AND settlement_date = $2 ORDER BY position`,
      [provider, date],
    );
    return rows.map((row) => ({
      settlementId: row.settlement_id as string, currency: row.currency as string, amountMinor: Number(row.amount_minor), status: row.status as string,
      paid: row.paid as boolean, settledAt: isoOrNull(row.settled_at) as string, bankReference: textOrNull(row.bank_reference), journalId: textOrNull(row.journal_id),
    }));
  }

  async linesOf(sql: Sql, provider: ProviderName, date: string): Promise<ReportLine[]> {
    const rows = await sql.query<Record<string, unknown>>(
      `SELECT settlement_id, line_id, kind, reference, order_id, currency, gross_minor, fee_minor, tax_on_fee_minor, net_minor, outcome, journal_id
         FROM order_ledger.settled_lines WHERE provider = $1 AND settlement_date = $2 ORDER BY position`,
      [provider, date],
    );
    return rows.map((row) => ({
      settlementId: row.settlement_id as string, lineId: row.line_id as string, kind: row.kind as SettlementLineKindV1, reference: row.reference as string,
      orderId: textOrNull(row.order_id), currency: row.currency as string, grossMinor: Number(row.gross_minor), feeMinor: Number(row.fee_minor),
      taxOnFeeMinor: Number(row.tax_on_fee_minor), netMinor: Number(row.net_minor), outcome: row.outcome as ReportLine['outcome'],
      journalId: textOrNull(row.journal_id),
    }));
  }
}
