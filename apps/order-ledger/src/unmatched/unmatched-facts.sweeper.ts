import { Inject, Injectable, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { Database } from '@payments/persistence';
import { CLOCK, Clock, DATABASE, Outbox, PeriodicTask, startPeriodicTask } from '@payments/nest-runtime';
import { LOGGER, Logger, METRICS, ServiceMetrics } from '@payments/observability';
import { ORDER_LEDGER_CONFIG, OrderLedgerConfig } from '../order-ledger.config';
import { OrderCommandsService } from '../order-commands.service';
import { UnmatchedFactsRepository } from './unmatched-facts.repository';

const BATCH = 50;

/**
 * Provider facts still without their order after ORDER_UNMATCHED_AFTER_MS: each stream is told to
 * surface them (UnmatchedFactsRecorded -> UnmatchedPaymentRecorded on orders.events), one order per
 * transaction with its listing row locked SKIP LOCKED, so replicas share the work. Nothing is dropped:
 * an order that turns up later still gets its facts applied.
 */
@Injectable()
export class UnmatchedFactsSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private task: PeriodicTask | undefined;
  private readonly rows = new UnmatchedFactsRepository();
  private readonly surfacedTotal: Counter;
  private readonly open: Gauge;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(ORDER_LEDGER_CONFIG) private readonly config: OrderLedgerConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) metrics: ServiceMetrics,
    private readonly outbox: Outbox,
    private readonly orders: OrderCommandsService,
  ) {
    const registers = [metrics.registry];
    this.surfacedTotal = new Counter({ name: 'payments_unmatched_payments_recorded_total', help: 'Provider facts surfaced because no order was placed for them in time', registers });
    this.open = new Gauge({ name: 'payments_unmatched_payments_open', help: 'Surfaced provider facts whose order has still not turned up', registers });
  }

  onApplicationBootstrap(): void {
    this.task = startPeriodicTask('unmatched facts sweep', this.config.pendingOrders.sweepEveryMs, () => this.sweep(), this.logger);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task?.stop();
  }

  /** One pass: streams whose facts waited past the window are surfaced; resolves to how many. */
  async sweep(): Promise<number> {
    let surfaced = 0;
    while (surfaced < BATCH && (await this.surfaceNext())) surfaced += 1;
    if (surfaced > 0) this.outbox.notify();
    this.open.set(await this.rows.countSurfacedOpen(this.db));
    return surfaced;
  }

  private surfaceNext(): Promise<boolean> {
    return this.db.transaction(async (sql) => {
      const now = this.clock.now();
      const orderId = await this.rows.nextDue(sql, new Date(now.getTime() - this.config.unmatchedAfterMs));
      if (!orderId) return false;
      const events = await this.orders.execute(sql, orderId, { type: 'RecordUnmatchedFacts', data: { orderId } }, { correlationId: `unmatched:${orderId}` });
      if (events.length > 0) {
        this.surfacedTotal.inc();
        this.logger.warn({ orderId }, 'provider facts without an order: surfaced as unmatched');
      }
      return true;
    });
  }
}
