import { Projection, StoredEvent } from '@payments/event-store';
import { Sql } from '@payments/persistence';

const STATUS_BY_EVENT: Readonly<Record<string, string>> = {
  OrderPaid: 'Paid',
  OrderPartiallyRefunded: 'PartiallyRefunded',
  OrderRefunded: 'Refunded',
  OrderFailed: 'Failed',
  OrderExpired: 'Expired',
};

/** The order's dispute as the summary shows it (`dispute_status`): the latest stage of its latest dispute with money. */
const DISPUTE_STATUS_BY_EVENT: Readonly<Record<string, string>> = {
  DisputeOpened: 'opened',
  DisputeWon: 'won',
  DisputeLost: 'lost',
};

/** order-ledger's own read model of each order, projected from the event store (rebuildable). */
export class OrderSummaryProjection implements Projection {
  readonly name = 'order-summaries';

  async handle(sql: Sql, event: StoredEvent): Promise<void> {
    const data = event.data as Record<string, unknown>;
    const orderId = data.orderId as string | undefined;
    // Facts recorded before their order have no summary row to touch until the order is placed.
    if (orderId === undefined) return;
    if (event.type === 'OrderPlaced') {
      await sql.query(
        `INSERT INTO order_ledger.order_summaries (order_id, user_id, status, amount_minor, currency, provider, stream_version, updated_at)
         VALUES ($1, $2, 'Pending', $3, $4, $5, $6, $7)`,
        [orderId, data.userId, data.amountMinor, data.currency, data.provider, event.streamVersion, event.recordedAt],
      );
      return;
    }
    const status = STATUS_BY_EVENT[event.type] ?? null;
    await sql.query(
      `UPDATE order_ledger.order_summaries
          SET status = COALESCE($2, status),
              paid_minor = paid_minor + $3,
              refunded_minor = refunded_minor + $4,
              needs_review = needs_review OR $5,
              stream_version = $6,
              updated_at = $7,
              dispute_status = COALESCE($8, dispute_status)
        WHERE order_id = $1`,
      [
        orderId,
        status,
        event.type === 'OrderPaid' ? (data.amountMinor as number) : 0,
        event.type === 'RefundSucceeded' ? (data.amountMinor as number) : 0,
        event.type === 'OrderFlaggedForReview',
        event.streamVersion,
        event.recordedAt,
        data.inquiry === true ? null : (DISPUTE_STATUS_BY_EVENT[event.type] ?? null),
      ],
    );
  }

  async reset(sql: Sql): Promise<void> {
    await sql.query(`DELETE FROM order_ledger.order_summaries`);
  }
}
