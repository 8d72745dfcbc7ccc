import type { ProviderName } from '@payments/contracts';
import { Sql } from '@payments/persistence';
import { PriceQuote } from './domain/pricing';

/** What checkout knows of an order: the priced request and the provider session it opened (or not). */
export interface NewCheckoutOrder {
  readonly orderId: string;
  readonly userId: string;
  readonly productId: string;
  readonly quantity: number;
  readonly quote: PriceQuote;
  readonly provider: ProviderName;
  readonly createdAt: Date;
}

/** An order whose provider session is open: what a status check needs. */
export interface OpenCheckoutOrder {
  readonly orderId: string;
  readonly userId: string;
  readonly provider: ProviderName;
  readonly providerReference: string;
}

interface OpenOrderRow { order_id: string; user_id: string; provider: ProviderName; provider_reference: string }

const INSERT_COLUMNS = `order_id, user_id, product_id, quantity, currency, subtotal_minor, discount_minor, tax_minor, total_minor,
  coupon_code, tax_label, provider, created_at, status, provider_reference, failure_code, failure_reason`;

function orderValues(order: NewCheckoutOrder): unknown[] {
  const { quote } = order;
  return [order.orderId, order.userId, order.productId, order.quantity, quote.currency, quote.subtotalMinor, quote.discountMinor,
    quote.taxMinor, quote.totalMinor, quote.couponCode ?? null, quote.taxLabel ?? null, order.provider, order.createdAt];
}

/** checkout.orders: every priced order with its breakdown, open or failed to open. */
export class CheckoutOrderRepository {
  async recordOpened(sql: Sql, order: NewCheckoutOrder, providerReference: string): Promise<void> {
    await sql.query(
      `INSERT INTO checkout.orders (${INSERT_COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'open', $14, NULL, NULL)`,
      [...orderValues(order), providerReference],
    );
  }

  async recordFailedToOpen(sql: Sql, order: NewCheckoutOrder, failureCode: string, failureReason: string): Promise<void> {
    await sql.query(
      `INSERT INTO checkout.orders (${INSERT_COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'failed_to_open', NULL, $14, $15)`,
      [...orderValues(order), failureCode, failureReason],
    );
  }

  /** The order, if checkout opened a provider session for it; null for unknown or failed orders. */
  async findOpen(sql: Sql, orderId: string): Promise<OpenCheckoutOrder | null> {
    const [row] = await sql.query<OpenOrderRow>(
      `SELECT order_id, user_id, provider, provider_reference FROM checkout.orders
        WHERE order_id = $1 AND status = 'open' AND provider_reference IS NOT NULL`,
      [orderId],
    );
    return row ? { orderId: row.order_id, userId: row.user_id, provider: row.provider, providerReference: row.provider_reference } : null;
  }
}
