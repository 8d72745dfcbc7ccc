import { Inject, Injectable, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { PaymentStatusCheckRequested, buildMessage } from '@payments/contracts';
import { Database } from '@payments/persistence';
import { CLOCK, Clock, DATABASE, IDS, IdGenerator, Outbox, PeriodicTask, startPeriodicTask } from '@payments/nest-runtime';
import { LOGGER, Logger } from '@payments/observability';
import { OrderError } from './domain/order.errors';
import { ORDER_LEDGER_CONFIG, OrderLedgerConfig } from './order-ledger.config';
import { OrderCommandsService } from './order-commands.service';

const BATCH = 50;
const MAX_STATUS_CHECKS = 3;

interface QuietOrder { order_id: string; user_id: string }

/**
 * Orders left Pending: first a server-side status check (the customer may have paid and the webhook
 * been lost), then, if still unpaid long after, expiry. Each order is handled in its own
 * transaction with its summary row locked SKIP LOCKED, so replicas share the work; the decider has
 * the last word (a paid order is never expired, whatever the summary said).
 */
@Injectable()
export class PendingOrderSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private task: PeriodicTask | undefined;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(ORDER_LEDGER_CONFIG) private readonly config: OrderLedgerConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdGenerator,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly outbox: Outbox,
    private readonly orders: OrderCommandsService,
  ) {}

  onApplicationBootstrap(): void {
    this.task = startPeriodicTask('pending order sweep', this.config.pendingOrders.sweepEveryMs, () => this.sweep(), this.logger);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task?.stop();
  }

  /** One pass: status checks asked for, orders expired. */
  async sweep(): Promise<{ checksRequested: number; expired: number }> {
    let checksRequested = 0;
    let expired = 0;
    while (checksRequested < BATCH && (await this.requestNextStatusCheck())) checksRequested += 1;
    while (expired < BATCH && (await this.expireNext())) expired += 1;
    if (checksRequested + expired > 0) this.outbox.notify();
    return { checksRequested, expired };
  }

  private async requestNextStatusCheck(): Promise<boolean> {
    const { statusCheckAfterMs } = this.config.pendingOrders;
    return this.db.transaction(async (sql) => {
      const now = this.clock.now();
      const quietSince = new Date(now.getTime() - statusCheckAfterMs);
      const [order] = await sql.query<QuietOrder>(
        `SELECT s.order_id, s.user_id FROM order_ledger.order_summaries s
           LEFT JOIN order_ledger.pending_order_checks c ON c.order_id = s.order_id
          WHERE s.status = 'Pending' AND s.updated_at < $1
            AND (c.order_id IS NULL OR (c.checks < $2 AND c.last_check_at < $1))
          ORDER BY s.updated_at LIMIT 1
          FOR UPDATE OF s SKIP LOCKED`,
        [quietSince, MAX_STATUS_CHECKS],
      );
      if (!order) return false;
      await sql.query(
        `INSERT INTO order_ledger.pending_order_checks (order_id, checks, last_check_at) VALUES ($1, 1, $2)
         ON CONFLICT (order_id) DO UPDATE SET checks = order_ledger.pending_order_checks.checks + 1, last_check_at = EXCLUDED.last_check_at`,
        [order.order_id, now],
      );
      await this.outbox.enqueue(sql, [{
        topic: PaymentStatusCheckRequested.topic,
        envelope: buildMessage(PaymentStatusCheckRequested, {
          id: this.ids.uuid(),
          key: order.user_id,
          origin: { correlationId: `pending-timeout:${order.order_id}` },
          occurredAt: now,
          payload: { orderId: order.order_id, userId: order.user_id, trigger: 'pending-timeout', requestedAt: now.toISOString() },
        }),
      }]);
      this.logger.info({ orderId: order.order_id }, 'pending order: status check requested');
      return true;
    });
  }

  /** Expires one order quiet past its time whose last status check had time to be answered. */
  private async expireNext(): Promise<boolean> {
    const { statusCheckAfterMs, expireAfterMs } = this.config.pendingOrders;
    let candidate: string | undefined;
    try {
      return await this.db.transaction(async (sql) => {
        const now = this.clock.now();
        const [order] = await sql.query<QuietOrder>(
          `SELECT s.order_id, s.user_id FROM order_ledger.order_summaries s
             JOIN order_ledger.pending_order_checks c ON c.order_id = s.order_id
            WHERE s.status = 'Pending' AND s.updated_at < $1 AND c.last_check_at < $2
            ORDER BY s.updated_at LIMIT 1
            FOR UPDATE OF s SKIP LOCKED`,
          [new Date(now.getTime() - expireAfterMs), new Date(now.getTime() - statusCheckAfterMs)],
        );
        if (!order) return false;
        candidate = order.order_id;
        const events = await this.orders.execute(sql, order.order_id, { type: 'ExpireOrder', data: {} }, { correlationId: `pending-timeout:${order.order_id}` });
        await sql.query(`DELETE FROM order_ledger.pending_order_checks WHERE order_id = $1`, [order.order_id]);
        if (events.length > 0) this.logger.info({ orderId: order.order_id }, 'pending order expired');
        return true;
      });
    } catch (error) {
      // The stream moved on (paid meanwhile) before the summary caught up: not ours to expire.
      if (candidate && error instanceof OrderError) {
        this.logger.info({ orderId: candidate, code: error.code }, 'pending order not expired: it moved on');
        await this.db.query(`DELETE FROM order_ledger.pending_order_checks WHERE order_id = $1`, [candidate]);
        return true;
      }
      throw error;
    }
  }
}
