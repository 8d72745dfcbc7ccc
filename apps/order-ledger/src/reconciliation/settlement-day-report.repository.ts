import type { ProviderName } from '@payments/contracts';
import { Sql } from '@payments/persistence';
import { SettlementDayReport, totalsOf } from './domain/settlement-day-report';
import { ReconciliationDiscrepanciesRepository } from './reconciliation-discrepancies.repository';
import { ReconciliationRunsRepository } from './reconciliation-runs.repository';
import { SettledDayRepository } from './settled-day.repository';

const MAX_RUNS = 50;
const MAX_DISCREPANCIES = 10_000;

/** One provider's day as finance reads it: runs, payouts, every line's outcome, discrepancies open and resolved. */
export class SettlementDayReportRepository {
  private readonly runs = new ReconciliationRunsRepository();
  private readonly settled = new SettledDayRepository();
  private readonly discrepancies = new ReconciliationDiscrepanciesRepository();

  /** Undefined when the day was never asked for. */
  async reportOf(sql: Sql, provider: ProviderName, date: string): Promise<SettlementDayReport | undefined> {
    const runs = await this.runs.list(sql, { provider, date, limit: MAX_RUNS });
    if (runs.length === 0) return undefined;
    const settlements = await this.settled.settlementsOf(sql, provider, date);
    const lines = await this.settled.linesOf(sql, provider, date);
    const discrepancies = await this.discrepancies.list(sql, { provider, date, status: 'all', limit: MAX_DISCREPANCIES });
    return { provider, date, run: runs[0], runs, settlements, lines, discrepancies, totals: totalsOf(lines, settlements) };
  }
}
