import { Inject, Injectable } from '@nestjs/common';
import { RefundRequested, buildMessage } from '@payments/contracts';
import { Database, Sql } from '@payments/persistence';
import { CLOCK, Clock, DATABASE, Outbox } from '@payments/nest-runtime';
import { GatewayError } from '../gateway.errors';
import { canonicalHash, nameBasedUuid } from '../idempotency-key';

export interface StoredReply {
  readonly statusCode: number;
  readonly body: string;
}

interface OrderRow { status: string; amount_minor: string }
interface RecordRow { request_hash: string; response_status: number; response_body: string }

const REFUNDABLE = new Set(['paid', 'partially_refunded']);

/**
 * Validates a refund request against the gateway's read model and puts a RefundRequested command on
 * orders.commands through the outbox, in one transaction with its idempotency record. order-ledger
 * decides for good against the refundable remainder; this is the early, clear refusal.
 */
@Injectable()
export class RequestRefundService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  async request(input: { adminId: string; idempotencyKey: string; orderId: string; amountMinor?: number; reason?: string; correlationId: string }): Promise<StoredReply> {
    const requestHash = canonicalHash({ orderId: input.orderId, amountMinor: input.amountMinor, reason: input.reason });
    const refundId = nameBasedUuid('refund', input.adminId, input.idempotencyKey);
    const now = this.clock.now();
    const reply = await this.db.transaction(async (sql) => {
      const earlier = await this.earlier(sql, input.adminId, input.idempotencyKey);
      if (earlier) {
        if (earlier.request_hash !== requestHash) {
          throw new GatewayError('IDEMPOTENCY.KEY_REUSED', 422, 'this Idempotency-Key was used with a different refund request');
        }
        return { statusCode: earlier.response_status, body: earlier.response_body, replayed: true };
      }
      await this.assertRefundable(sql, input.orderId, input.amountMinor);
      const body = JSON.stringify({ refundId, orderId: input.orderId, amountMinor: input.amountMinor ?? null, status: 'requested' });
      const claimed = await sql.query(
        `INSERT INTO gateway.refund_requests (admin_id, idempotency_key, request_hash, refund_id, order_id, response_status, response_body, created_at)
         VALUES ($1, $2, $3, $4, $5, 202, $6, $7) ON CONFLICT (admin_id, idempotency_key) DO NOTHING RETURNING refund_id`,
        [input.adminId, input.idempotencyKey, requestHash, refundId, input.orderId, body, now],
      );
      if (claimed.length === 0) throw new GatewayError('IDEMPOTENCY.IN_FLIGHT', 409, 'a request with this Idempotency-Key is being processed; retry shortly');
      await this.outbox.enqueue(sql, [{
        topic: RefundRequested.topic,
        envelope: buildMessage(RefundRequested, {
          key: input.orderId,
          origin: { correlationId: input.correlationId },
          occurredAt: now,
          payload: {
            orderId: input.orderId, refundId, requestedBy: input.adminId, requestedAt: now.toISOString(),
            ...(input.amountMinor !== undefined ? { amountMinor: input.amountMinor } : {}),
            ...(input.reason ? { reason: input.reason } : {}),
          },
        }),
      }]);
      return { statusCode: 202, body, replayed: false };
    });
    if (!reply.replayed) this.outbox.notify();
    return { statusCode: reply.statusCode, body: reply.body };
  }

  private async earlier(sql: Sql, adminId: string, key: string): Promise<RecordRow | undefined> {
    const rows = await sql.query<RecordRow>(
      `SELECT request_hash, response_status, response_body FROM gateway.refund_requests WHERE admin_id = $1 AND idempotency_key = $2`,
      [adminId, key],
    );
    return rows[0];
  }

  private async assertRefundable(sql: Sql, orderId: string, amountMinor: number | undefined): Promise<void> {
    const [order] = await sql.query<OrderRow>(`SELECT status, amount_minor FROM gateway.orders WHERE order_id = $1`, [orderId]);
    if (!order) throw new GatewayError('ORDER.NOT_FOUND', 404, `no order ${orderId}`);
    if (!REFUNDABLE.has(order.status)) {
      throw new GatewayError('ORDER.NOT_REFUNDABLE', 409, `order ${orderId} is ${order.status}; only paid orders can be refunded`);
    }
    const remainder = Number(order.amount_minor);
    if (amountMinor !== undefined && amountMinor > remainder) {
      throw new GatewayError('REFUND.EXCEEDS_REMAINDER', 422, `refund of ${amountMinor} exceeds the refundable remainder ${remainder}`);
    }
  }
}
