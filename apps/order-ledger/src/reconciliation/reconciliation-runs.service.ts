import { Inject, Injectable } from '@nestjs/common';
import { EnvelopeOrigin } from '@payments/contracts';
import { Sql } from '@payments/persistence';
import { CLOCK, Clock, IDS, IdGenerator, Outbox } from '@payments/nest-runtime';
import { ReportRun } from './domain/settlement-day-report';
import { fetchRequested } from './reconciliation.messages';
import { NewRun, ReconciliationRunsRepository } from './reconciliation-runs.repository';

export interface RequestedRun {
  readonly run: ReportRun;
  /** False when the run existed already (the same settlement webhook twice, a slot another replica took). */
  readonly created: boolean;
}

/**
 * Starts a reconciliation run: records it as requested and, in the same transaction, asks checkout
 * (through the outbox) to fetch the provider's settlements of the day.
 */
@Injectable()
export class ReconciliationRunsService {
  private readonly runs = new ReconciliationRunsRepository();

  constructor(
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdGenerator,
  ) {}

  async request(sql: Sql, run: Omit<NewRun, 'runId'> & { runId?: string }, origin: EnvelopeOrigin): Promise<RequestedRun> {
    const now = this.clock.now();
    const runId = run.runId ?? this.ids.uuid();
    const created = await this.runs.insert(sql, { ...run, runId }, now);
    if (created) await this.outbox.enqueue(sql, [fetchRequested({ runId, provider: run.provider, date: run.date }, origin, now)]);
    const stored = await this.runs.find(sql, runId);
    if (!stored) throw new Error(`run ${runId} of ${run.provider} ${run.date} is neither new nor stored`);
    return { run: stored, created };
  }

  /** Call after the requesting transaction committed: the relay publishes at once. */
  published(): void {
    this.outbox.notify();
  }
}
