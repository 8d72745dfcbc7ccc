import { Inject, Injectable } from '@nestjs/common';
import { Database, Sql } from '@payments/persistence';
import { DATABASE } from '@payments/nest-runtime';
import { EntitlementListDto, OrderViewDto } from './order-view.dto';

export interface OrderRow {
  order_id: string; user_id: string; status: string; amount_minor: string; refunded_minor: string; currency: string;
  provider: string; lines: OrderViewDto['lines']; breakdown: OrderViewDto['breakdown']; invoice_number: string | null;
  needs_review: boolean; last_failure: string | null; last_failure_code: string | null; placed_at: Date | null; paid_at: Date | null; updated_at: Date;
}

const MAX_LISTED = 200;

export function toView(row: OrderRow): OrderViewDto {
  return {
    orderId: row.order_id,
    userId: row.user_id,
    status: row.status,
    amountMinor: Number(row.amount_minor),
    refundedMinor: Number(row.refunded_minor),
    currency: row.currency.trim(),
    provider: row.provider,
    lines: row.lines,
    breakdown: row.breakdown,
    invoiceNumber: row.invoice_number,
    needsReview: row.needs_review,
    lastFailure: row.last_failure,
    lastFailureCode: row.last_failure_code,
    placedAt: row.placed_at,
    paidAt: row.paid_at,
    updatedAt: row.updated_at,
  };
}

/** Reads the gateway's orders and entitlements read models (projected from orders.events and entitlement-granted). */
@Injectable()
export class OrderReadModel {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** `sql`: the caller's transaction, when the read must be part of it. */
  async findById(orderId: string, sql: Sql = this.db): Promise<OrderViewDto | null> {
    const [row] = await sql.query<OrderRow>(`SELECT * FROM gateway.orders WHERE order_id = $1`, [orderId]);
    return row ? toView(row) : null;
  }

  async listForUser(userId: string): Promise<OrderViewDto[]> {
    const rows = await this.db.query<OrderRow>(
      `SELECT * FROM gateway.orders WHERE user_id = $1 ORDER BY placed_at DESC NULLS LAST LIMIT ${MAX_LISTED}`, [userId],
    );
    return rows.map(toView);
  }

  async listAll(): Promise<OrderViewDto[]> {
    const rows = await this.db.query<OrderRow>(`SELECT * FROM gateway.orders ORDER BY placed_at DESC NULLS LAST LIMIT ${MAX_LISTED}`);
    return rows.map(toView);
  }

  async entitlementsOf(userId: string): Promise<EntitlementListDto> {
    const rows = await this.db.query<{
      entitlement_id: string; product_id: string; kind: string; order_id: string; granted_at: Date; status: string; valid_until: Date | null;
      subscription_id: string | null; status_reason: string | null;
    }>(`SELECT * FROM gateway.entitlements WHERE user_id = $1 ORDER BY granted_at`, [userId]);
    return {
      entitlements: rows.map((row) => ({
        entitlementId: row.entitlement_id, productId: row.product_id, kind: row.kind, orderId: row.order_id, grantedAt: row.granted_at,
        status: row.status, validUntil: row.valid_until, subscriptionId: row.subscription_id, statusReason: row.status_reason,
      })),
    };
  }

}
