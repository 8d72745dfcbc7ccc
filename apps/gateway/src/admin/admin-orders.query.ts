import { Database } from '@payments/persistence';
import { OrderRow, toView } from '../orders/order-read-model.repository';
import { OrderViewDto } from '../orders/order-view.dto';
import { ListFilter } from '../read-models/list-filter';

export interface OrderFilter extends ListFilter {
  readonly status?: string;
  readonly needsReview?: boolean;
}

/** The console's order search over the gateway's read model, newest first; every filter optional. */
export async function searchOrders(db: Database, filter: OrderFilter): Promise<OrderViewDto[]> {
  const rows = await db.query<OrderRow>(
    `SELECT * FROM gateway.orders
      WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR provider = $2) AND ($3::text IS NULL OR currency = $3)
        AND ($4::text IS NULL OR user_id = $4) AND ($5::timestamptz IS NULL OR placed_at >= $5) AND ($6::timestamptz IS NULL OR placed_at < $6)
        AND ($7::boolean IS NULL OR needs_review = $7)
      ORDER BY placed_at DESC NULLS LAST LIMIT $8`,
    [filter.status ?? null, filter.provider ?? null, filter.currency ?? null, filter.userId ?? null, filter.from ?? null, filter.to ?? null,
      filter.needsReview ?? null, filter.limit],
  );
  return rows.map(toView);
}
