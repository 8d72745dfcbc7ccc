import { Inject, Injectable } from '@nestjs/common';
import { EnvelopeOrigin, SettlementReportedV1 } from '@payments/contracts';
import { Sql } from '@payments/persistence';
import { CLOCK, Clock, Outbox } from '@payments/nest-runtime';
import { LOGGER, Logger } from '@payments/observability';
import { RunStatus, decideRun } from './domain/reconciliation-run.decider';
import { ReconciliationError } from './domain/reconciliation.errors';
import { AssembledReport, assembleParts } from './domain/settlement-report-parts';
import { ReconcileDayService } from './reconcile-day.service';
import { ReconciliationRunsRepository } from './reconciliation-runs.repository';

/** What one report part came to. */
export type ReportOutcome = 'unknown-run' | 'duplicate' | 'waiting' | 'reconciled' | 'failed' | 'too-late';

/**
 * Stores each part of a provider's report under its run (locked, so parts are counted one at a
 * time) and reconciles the day in the same transaction once the last one is in. A part with the
 * provider's error fails the run; so do parts that disagree on their count or name another day. A
 * part for a run this order-ledger never asked for is skipped (another system on the broker asked).
 */
@Injectable()
export class SettlementReportsService {
  private readonly runs = new ReconciliationRunsRepository();

  constructor(
    private readonly reconcileDay: ReconcileDayService,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async receive(sql: Sql, report: SettlementReportedV1, origin: EnvelopeOrigin): Promise<ReportOutcome> {
    const now = this.clock.now();
    const run = await this.runs.lock(sql, report.runId);
    if (!run) return 'unknown-run';
    if (!(await this.runs.storePart(sql, report, now))) return 'duplicate';
    if (report.provider !== run.provider || report.date !== run.date) return this.fail(sql, run.runId, run.status, 'RECONCILIATION.INCONSISTENT_PARTS', now);
    if (report.error) return this.fail(sql, run.runId, run.status, report.error, now);
    let assembled: AssembledReport;
    try {
      assembled = assembleParts(await this.runs.partsOf(sql, run.runId));
    } catch (error) {
      if (!(error instanceof ReconciliationError)) throw error;
      return this.fail(sql, run.runId, run.status, error.code, now);
    }
    const stored = decideRun(run.status, { type: 'PartStored', complete: assembled.complete });
    if (!stored.changed) return 'too-late';
    if (stored.status === 'requested') return 'waiting';
    await this.runs.moveTo(sql, run.runId, 'fetched', now, { parts: report.parts });
    const { summary, messages } = await this.reconcileDay.reconcile(sql, run, assembled.settlements, origin, now);
    await this.runs.moveTo(sql, run.runId, decideRun('fetched', { type: 'DayReconciled' }).status, now, { summary });
    await this.outbox.enqueue(sql, messages);
    this.logger.info({ ...summary }, 'settlement day reconciled');
    return 'reconciled';
  }

  private async fail(sql: Sql, runId: string, status: RunStatus, error: string, now: Date): Promise<ReportOutcome> {
    const failed = decideRun(status, { type: 'FetchFailed' });
    if (!failed.changed) return 'too-late';
    await this.runs.moveTo(sql, runId, failed.status, now, { error });
    this.logger.warn({ runId, error }, 'reconciliation run failed: the settlement report could not be used');
    return 'failed';
  }
}
