import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  EntitlementGranted,
  Envelope,
  OrderExpired,
  OrderFailed,
  OrderFlaggedForReview,
  OrderPaid,
  OrderPaymentAttemptFailed,
  OrderPlaced,
  OrderRefundFailed,
  OrderRefunded,
  Topics,
  isMessage,
} from '@payments/contracts';
import { HandlerContext } from '@payments/messaging';
import { ConsumerHandler, InboxHandlers } from '@payments/nest-runtime';
import { Sql } from '@payments/persistence';
import { PaymentFailureCode, failureSentence } from '../payment-failures/payment-failure.catalog';
import { attemptFailureCode, refundFailureCode, reviewFailureCode } from '../payment-failures/payment-failure.classifier';
import { PaymentFlowMetrics } from '../metrics/payment-flow.metrics';
import { notifyOrderChanged } from '../order-status/order-change.feed';
import { projectSubscriptionMessage } from '../subscriptions/subscription.projection';

/** The order's latest failure, as our code and sentence: the provider's words are not kept. */
async function recordFailure(
  sql: Sql, orderId: string, code: PaymentFailureCode, at: string, context: { needsReview?: boolean; refundId?: string } = {},
): Promise<void> {
  await sql.query(
    `UPDATE gateway.orders SET last_failure_code = $2, last_failure = $3, needs_review = needs_review OR $4, updated_at = $5 WHERE order_id = $1`,
    [orderId, code, failureSentence(code, context.refundId), context.needsReview ?? false, at],
  );
}

/**
 * Projects orders.events, subscriptions.events and the entitlement topics into the gateway's own read models, inside the
 * inbox transaction (each message applied once). Orders never move backwards: a Paid order stays
 * Paid whatever arrives later.
 */
@InboxHandlers()
export class ReadModelProjector implements ConsumerHandler {
  constructor(private readonly metrics: PaymentFlowMetrics) {}

  @EventPattern([Topics.ordersEvents, Topics.subscriptionsEvents, Topics.entitlementGranted, Topics.entitlementChanged, Topics.entitlementRevoked])
  async handle(@Payload() envelope: Envelope, @Ctx() ctx: HandlerContext): Promise<void> {
    await this.project(envelope, ctx);
    await this.count(envelope, ctx.sql);
    const orderId = (envelope.payload as { orderId?: unknown }).orderId;
    // The order's status streams learn of it when this transaction commits.
    if (typeof orderId === 'string') await notifyOrderChanged(ctx.sql, orderId);
  }

  private async count(envelope: Envelope, sql: Sql): Promise<void> {
    if (isMessage(envelope, OrderPaid)) this.metrics.orderPaid(envelope.payload.provider);
    if (isMessage(envelope, OrderPaymentAttemptFailed)) {
      const [row] = await sql.query<{ provider: string }>(`SELECT provider FROM gateway.orders WHERE order_id = $1`, [envelope.payload.orderId]);
      this.metrics.attemptFailed(row?.provider ?? 'unknown');
    }
    if (isMessage(envelope, EntitlementGranted)) {
      const [row] = await sql.query<{ paid_at: Date | null }>(`SELECT paid_at FROM gateway.orders WHERE order_id = $1`, [envelope.payload.orderId]);
      if (row?.paid_at) this.metrics.granted(new Date(row.paid_at), new Date(envelope.payload.grantedAt));
    }
  }

  private async project(envelope: Envelope, { sql }: HandlerContext): Promise<void> {
    const at = envelope.occurredAt;
    if (isMessage(envelope, OrderPlaced)) {
      const order = envelope.payload;
      await sql.query(
        `INSERT INTO gateway.orders (order_id, user_id, status, amount_minor, currency, provider, lines, breakdown, placed_at, updated_at)
         VALUES ($1, $2, 'pending', $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (order_id) DO NOTHING`,
        [order.orderId, order.userId, order.amountMinor, order.currency, order.provider, JSON.stringify(order.lines),
          JSON.stringify(order.breakdown), order.placedAt, at],
      );
    } else if (isMessage(envelope, OrderPaid)) {
      const order = envelope.payload;
      await sql.query(
        `INSERT INTO gateway.orders (order_id, user_id, status, amount_minor, currency, provider, lines, invoice_number, paid_at, updated_at)
         VALUES ($1, $2, 'paid', $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (order_id) DO UPDATE SET status = 'paid', invoice_number = EXCLUDED.invoice_number,
           paid_at = EXCLUDED.paid_at, updated_at = EXCLUDED.updated_at
         WHERE gateway.orders.status = 'pending'`,
        [order.orderId, order.userId, order.amountMinor, order.currency, order.provider, JSON.stringify(order.lines),
          order.invoiceNumber, order.paidAt, at],
      );
    } else if (isMessage(envelope, OrderPaymentAttemptFailed)) {
      await recordFailure(sql, envelope.payload.orderId, attemptFailureCode(envelope.payload.reason), at);
    } else if (isMessage(envelope, OrderFlaggedForReview)) {
      await recordFailure(sql, envelope.payload.orderId, reviewFailureCode(envelope.payload.reason), at, { needsReview: true });
    } else if (isMessage(envelope, OrderExpired) || isMessage(envelope, OrderFailed)) {
      const closedAs = envelope.type === OrderFailed.type ? 'failed' : 'expired';
      await sql.query(`UPDATE gateway.orders SET status = $2, updated_at = $3 WHERE order_id = $1 AND status = 'pending'`, [
        envelope.payload.orderId, closedAs, at,
      ]);
    } else if (isMessage(envelope, OrderRefunded)) {
      // Cumulative figures: an older refund arriving after a newer one never lowers them.
      const refund = envelope.payload;
      await sql.query(
        `UPDATE gateway.orders SET status = $2, refunded_minor = $3, updated_at = $4
          WHERE order_id = $1 AND refunded_minor < $3`,
        [refund.orderId, refund.fullyRefunded ? 'refunded' : 'partially_refunded', refund.refundedMinor, at],
      );
    } else if (isMessage(envelope, OrderRefundFailed)) {
      const { orderId, refundId, reason } = envelope.payload;
      await recordFailure(sql, orderId, refundFailureCode(reason), at, { refundId });
    } else if (isMessage(envelope, EntitlementGranted)) {
      const grant = envelope.payload;
      // A lifecycle message may have arrived first (another topic): the grant then only fills in its time.
      await sql.query(
        `INSERT INTO gateway.entitlements (entitlement_id, user_id, product_id, kind, order_id, granted_at, valid_until, subscription_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (entitlement_id) DO UPDATE SET granted_at = EXCLUDED.granted_at,
           valid_until = CASE WHEN gateway.entitlements.sequence = 0 THEN EXCLUDED.valid_until ELSE gateway.entitlements.valid_until END`,
        [grant.entitlementId, grant.userId, grant.productId, grant.kind, grant.orderId, grant.grantedAt, grant.validUntil ?? null, grant.subscriptionId ?? null],
      );
    } else {
      await projectSubscriptionMessage(envelope, sql);
    }
  }
}
