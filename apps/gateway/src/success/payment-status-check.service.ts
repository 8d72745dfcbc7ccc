import { Inject, Injectable } from '@nestjs/common';
import { PaymentStatusCheckRequested, buildMessage } from '@payments/contracts';
import { CLOCK, Clock, DATABASE, IDS, IdGenerator, Outbox } from '@payments/nest-runtime';
import { Database, Sql } from '@payments/persistence';
import { AuthenticatedUser, isAdmin } from '../auth/token-claims';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import { GatewayError } from '../gateway.error';
import { OrderReadModel } from '../orders/order-read-model.repository';

/** What the browser's return page may learn about an order: its id and status, nothing personal. */
export interface ReturnedOrderStatus {
  readonly orderId: string;
  readonly status: string;
  /** The order is pending, so checkout will ask (or was asked within the interval) to look the payment up. */
  readonly statusCheckRequested: boolean;
}

const TRIGGER = 'success-redirect';

/**
 * The browser came back from the provider. That proves nothing, so the order is never changed
 * here: a pending order gets a `PaymentStatusCheckRequested` for checkout (at most one per order per
 * interval, so reloading the page cannot flood the provider), enqueued in the gateway's outbox.
 */
@Injectable()
export class PaymentStatusCheckService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly orders: OrderReadModel,
    private readonly outbox: Outbox,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdGenerator,
  ) {}

  /**
   * `viewer`: the signed-in caller, when the request carries a bearer token. Another user's order is
   * then answered exactly as an unknown one, and gets no status check.
   */
  async returnedFromProvider(orderId: string, correlationId: string, viewer?: AuthenticatedUser): Promise<ReturnedOrderStatus> {
    const order = await this.orders.findById(orderId);
    if (!order || (viewer && !isAdmin(viewer) && viewer.id !== order.userId)) throw new GatewayError('ORDER.NOT_FOUND', `no order ${orderId}`);
    if (order.status !== 'pending') return { orderId: order.orderId, status: order.status, statusCheckRequested: false };
    const published = await this.db.transaction(async (sql) => {
      if (!(await this.claimCheck(sql, order.orderId))) return false;
      const now = this.clock.now();
      await this.outbox.enqueue(sql, [{
        topic: PaymentStatusCheckRequested.topic,
        envelope: buildMessage(PaymentStatusCheckRequested, {
          id: this.ids.uuid(),
          key: order.userId,
          origin: { correlationId },
          occurredAt: now,
          payload: { orderId: order.orderId, userId: order.userId, trigger: TRIGGER, requestedAt: now.toISOString() },
        }),
      }]);
      return true;
    });
    if (published) this.outbox.notify();
    return { orderId: order.orderId, status: order.status, statusCheckRequested: true };
  }

  /** True when no check was asked for this order within the interval (and records this one). */
  private async claimCheck(sql: Sql, orderId: string): Promise<boolean> {
    const now = this.clock.now();
    const claimed = await sql.query(
      `INSERT INTO gateway.status_checks AS checks (order_id, requested_at) VALUES ($1, $2)
       ON CONFLICT (order_id) DO UPDATE SET requested_at = EXCLUDED.requested_at
       WHERE checks.requested_at <= $3
       RETURNING order_id`,
      [orderId, now, new Date(now.getTime() - this.config.statusCheckIntervalMs)],
    );
    return claimed.length === 1;
  }
}
