import type { ProviderName, RefundPaymentRequestedV1 } from '@payments/contracts';
import { Sql } from '@payments/persistence';

export type RecordedRefundStatus = 'pending' | 'succeeded' | 'failed';

export interface RecordedRefund {
  readonly refundId: string;
  readonly orderId: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly status: RecordedRefundStatus;
  readonly providerRefundId: string | null;
}

export interface RefundAnswer {
  readonly status: RecordedRefundStatus;
  readonly providerRefundId: string | null;
  readonly failureReason: string | null;
  readonly at: Date;
}

interface Row { refund_id: string; order_id: string; amount_minor: string; currency: string; status: RecordedRefundStatus; provider_refund_id: string | null }

/** checkout.refunds: the refunds checkout made at providers, one row per refund id. */
export class RefundRepository {
  async find(sql: Sql, refundId: string): Promise<RecordedRefund | null> {
    const [row] = await sql.query<Row>(
      `SELECT refund_id, order_id, amount_minor, currency, status, provider_refund_id FROM checkout.refunds WHERE refund_id = $1 FOR UPDATE`,
      [refundId],
    );
    if (!row) return null;
    return {
      refundId: row.refund_id, orderId: row.order_id, amountMinor: Number(row.amount_minor), currency: row.currency.trim(),
      status: row.status, providerRefundId: row.provider_refund_id,
    };
  }

  /**
   * Pending refunds unchanged since `before`, locked for this transaction (other replicas skip
   * them), as the commands that asked for them.
   */
  async lockStalePending(sql: Sql, before: Date, limit: number): Promise<RefundPaymentRequestedV1[]> {
    const rows = await sql.query<{ refund_id: string; order_id: string; provider_payment_id: string; amount_minor: string; currency: string; requested_at: Date }>(
      `SELECT refund_id, order_id, provider_payment_id, amount_minor, currency, requested_at FROM checkout.refunds
        WHERE status = 'pending' AND updated_at < $1 ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [before, limit],
    );
    return rows.map((row) => ({
      orderId: row.order_id, refundId: row.refund_id, providerPaymentId: row.provider_payment_id,
      amountMinor: Number(row.amount_minor), currency: row.currency.trim(), requestedAt: new Date(row.requested_at).toISOString(),
    }));
  }

  /** Marks a refund as looked at now, without changing what is known of it. */
  async touch(sql: Sql, refundId: string, at: Date): Promise<void> {
    await sql.query(`UPDATE checkout.refunds SET updated_at = $2 WHERE refund_id = $1`, [refundId, at]);
  }

  /** Records what the provider answered to the refund call (or why no call was made), once per refund id. */
  async record(sql: Sql, request: RefundPaymentRequestedV1, provider: ProviderName, answer: RefundAnswer): Promise<void> {
    await sql.query(
      `INSERT INTO checkout.refunds (refund_id, order_id, provider, provider_payment_id, amount_minor, currency, status,
                                     provider_refund_id, failure_reason, requested_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (refund_id) DO UPDATE
          SET status = EXCLUDED.status, provider_refund_id = EXCLUDED.provider_refund_id,
              failure_reason = EXCLUDED.failure_reason, updated_at = EXCLUDED.updated_at`,
      [request.refundId, request.orderId, provider, request.providerPaymentId, request.amountMinor, request.currency, answer.status,
        answer.providerRefundId, answer.failureReason, request.requestedAt, answer.at],
    );
  }
}
