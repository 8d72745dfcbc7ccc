import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { uuidV5 } from '@payments/contracts';
import { Database } from '@payments/persistence';
import { CLOCK, Clock, DATABASE, PeriodicTask, startPeriodicTask } from '@payments/nest-runtime';
import { LOGGER, Logger } from '@payments/observability';
import { ORDER_LEDGER_CONFIG, OrderLedgerConfig } from '../order-ledger.config';
import { dueSlot } from './domain/reconciliation-schedule';
import { RECONCILIATION_NAMESPACE } from './reconciliation-discrepancies.repository';
import { ReconciliationRunsService } from './reconciliation-runs.service';

/**
 * The nightly runs (RECONCILIATION_SCHEDULE): each replica looks every
 * RECONCILIATION_SCHEDULE_CHECK_MS whether the day's slot is due and asks for a run per provider.
 * A slot's run id derives from (provider, day, slot) and the slot is unique per provider and day,
 * so however many replicas look, each slot runs once.
 */
@Injectable()
export class ReconciliationScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private task: PeriodicTask | undefined;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(ORDER_LEDGER_CONFIG) private readonly config: OrderLedgerConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly runs: ReconciliationRunsService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.reconciliation.schedule) return;
    this.task = startPeriodicTask('reconciliation schedule', this.config.reconciliation.checkEveryMs, () => this.startDueRuns(), this.logger);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task?.stop();
  }

  /** Asks for the due slot's runs not asked for yet; resolves to how many this replica started. */
  async startDueRuns(): Promise<number> {
    const { schedule, providers } = this.config.reconciliation;
    const slot = schedule ? dueSlot(schedule, this.clock.now()) : null;
    if (!slot) return 0;
    let started = 0;
    for (const provider of providers) {
      const runId = uuidV5(RECONCILIATION_NAMESPACE, `schedule:${provider}:${slot.date}:${slot.slot}`);
      const origin = { correlationId: `reconciliation:${provider}:${slot.date}` };
      const { created } = await this.db.transaction((sql) => this.runs.request(sql, { runId, provider, date: slot.date, trigger: 'schedule', slot: slot.slot }, origin));
      if (created) {
        started += 1;
        this.logger.info({ runId, provider, date: slot.date, slot: slot.slot }, 'scheduled reconciliation run requested');
      }
    }
    if (started > 0) this.runs.published();
    return started;
  }
}
