import { Pool } from 'pg';
import type { CheckoutRepliedV1, Envelope } from '@payments/contracts';

// Test support: reads checkout's own tables, to check what a replica did and published.

export interface OrderRow {
  order_id: string;
  user_id: string;
  product_id: string;
  quantity: number;
  currency: string;
  subtotal_minor: string;
  discount_minor: string;
  tax_minor: string;
  total_minor: string;
  coupon_code: string | null;
  tax_label: string | null;
  provider: string;
  provider_reference: string | null;
  status: 'open' | 'failed_to_open';
  failure_code: string | null;
  failure_reason: string | null;
}

export interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  payload: { type: string; payload: Record<string, unknown> };
  published_at: Date | null;
}

export class CheckoutDatabaseProbe {
  readonly pool: Pool;

  constructor(databaseUrl: string) {
    this.pool = new Pool({ connectionString: databaseUrl, max: 4 });
  }

  async ordersOf(userId: string): Promise<OrderRow[]> {
    return (await this.pool.query<OrderRow>(`SELECT * FROM checkout.orders WHERE user_id = $1 ORDER BY created_at`, [userId])).rows;
  }

  /** Whether this database's checkout wrote the message (so another run's checkout on the shared broker did not). */
  async published(messageId: string): Promise<boolean> {
    return (await this.pool.query(`SELECT 1 FROM checkout.outbox WHERE id = $1`, [messageId])).rowCount === 1;
  }

  /**
   * Among replies seen on checkout.replies, the one this database's checkout published for
   * `requestId`: another run's checkout on the shared broker may answer the same request.
   */
  async replyAmong(replies: readonly Envelope[], requestId: string): Promise<CheckoutRepliedV1 | undefined> {
    for (const reply of replies) {
      const payload = reply.payload as CheckoutRepliedV1;
      if (payload.requestId === requestId && (await this.published(reply.id))) return payload;
    }
    return undefined;
  }

  /** Messages of `type` this checkout enqueued about `orderId`. */
  async outboxFor(orderId: string, type: string): Promise<OutboxRow[]> {
    return (await this.pool.query<OutboxRow>(
      `SELECT id, topic, message_key, payload, published_at FROM checkout.outbox WHERE message_key = $1 AND payload->>'type' = $2 ORDER BY seq`,
      [orderId, type],
    )).rows;
  }

  /** Whether the consumer group has applied (committed) the message: its handler ran to the end, or skipped it. */
  async applied(messageId: string, consumerGroup: string): Promise<boolean> {
    const found = await this.pool.query(`SELECT 1 FROM checkout.inbox WHERE message_id = $1 AND consumer_group = $2`, [messageId, consumerGroup]);
    return found.rowCount === 1;
  }

  async couponRedemptions(code: string): Promise<number> {
    return (await this.pool.query<{ redemptions: number }>(`SELECT redemptions FROM checkout.coupons WHERE code = $1`, [code])).rows[0].redemptions;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
