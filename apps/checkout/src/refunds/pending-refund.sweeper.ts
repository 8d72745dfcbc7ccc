import { Inject, Injectable, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { Database } from '@payments/persistence';
import { CLOCK, Clock, DATABASE, PeriodicTask, startPeriodicTask } from '@payments/nest-runtime';
import { LOGGER, Logger } from '@payments/observability';
import { CHECKOUT_CONFIG, CheckoutConfig } from '../checkout.config';
import { RefundPaymentService } from './refund-payment.service';
import { RefundRepository } from './refund.repository';

const BATCH = 20;

/**
 * Looks pending refunds up again at the provider once they have been quiet for a while, so a refund
 * webhook that never arrives cannot leave a refund pending for ever. Each refund is checked in its
 * own transaction, locked with SKIP LOCKED (replicas share the work), through the same path as a
 * repeated refund command: the provider's status API, never a second refund.
 */
@Injectable()
export class PendingRefundSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly refunds = new RefundRepository();
  private task: PeriodicTask | undefined;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CHECKOUT_CONFIG) private readonly config: CheckoutConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly refundPayments: RefundPaymentService,
  ) {}

  onApplicationBootstrap(): void {
    this.task = startPeriodicTask('pending refund sweep', this.config.refundRecheck.everyMs, () => this.sweep(), this.logger);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task?.stop();
  }

  /** Rechecks up to one batch of quiet pending refunds; returns how many were looked at. */
  async sweep(): Promise<number> {
    const quietSince = new Date(this.clock.now().getTime() - this.config.refundRecheck.afterMs);
    let checked = 0;
    while (checked < BATCH) {
      let refundId: string | undefined;
      try {
        const found = await this.db.transaction(async (sql) => {
          const [refund] = await this.refunds.lockStalePending(sql, quietSince, 1);
          if (!refund) return false;
          refundId = refund.refundId;
          const outcome = await this.refundPayments.refund(sql, refund, { correlationId: `refund-recheck:${refund.refundId}` });
          this.logger.info({ orderId: refund.orderId, refundId, outcome }, 'pending refund checked again');
          return true;
        });
        if (!found) break;
      } catch (error) {
        if (!refundId) throw error;
        // An outage or a contradiction: this refund waits for the next interval; the others go on.
        this.logger.warn({ err: error, refundId }, 'pending refund check failed; tried again later');
        await this.refunds.touch(this.db, refundId, this.clock.now());
      }
      checked += 1;
    }
    return checked;
  }
}
