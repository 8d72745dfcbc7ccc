import type { ProviderName } from '@payments/contracts';
import { Sql } from '@payments/persistence';
import { dayOf } from './domain/settlement-day';

/** What the ledger booked for a placed order, as the journal's writer knows it. */
export interface BookedOrder {
  readonly orderId: string;
  readonly provider: ProviderName;
  readonly currency: string;
  readonly amountMinor: number;
}

const INSERT = `
  INSERT INTO order_ledger.settlement_expectations (provider, kind, reference, order_id, currency, amount_minor, occurred_at, expected_on, journal_id, recorded_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
  ON CONFLICT (provider, kind, reference) DO NOTHING`;

/**
 * What the ledger expects each provider to settle, written in the transaction that books the
 * payment or refund journal: reconciliation matches settlement lines against these by the
 * provider's payment or refund id, and expects each on the UTC day its money moved.
 */
export class SettlementExpectationsBook {
  /** A paid order: its `payment:<providerPaymentId>` journal debited clearing with the order's total. */
  async paymentBooked(sql: Sql, order: BookedOrder, providerPaymentId: string, paidAt: string): Promise<void> {
    await sql.query(INSERT, [
      order.provider, 'payment', providerPaymentId, order.orderId, order.currency, order.amountMinor, paidAt, dayOf(paidAt), `payment:${providerPaymentId}`,
    ]);
  }

  /**
   * A refund booked as `refund:<refundId>` (our id): expected under the provider's refund id, as the
   * refund outcome named it (`providerRefundReported`). Cashfree's is `<order_id>:<refund_id>`, so
   * it is known without; a Stripe refund with none on record is expected under our id.
   */
  async refundBooked(sql: Sql, order: BookedOrder, refund: { refundId: string; amountMinor: number; succeededAt: string }): Promise<void> {
    const fallback = order.provider === 'cashfree' ? `${order.orderId}:${refund.refundId}` : refund.refundId;
    const [known] = await sql.query<{ provider_refund_id: string }>(
      `SELECT provider_refund_id FROM order_ledger.provider_refund_ids WHERE refund_id = $1`, [refund.refundId],
    );
    await sql.query(INSERT, [
      order.provider, 'refund', known?.provider_refund_id ?? fallback, order.orderId, order.currency, refund.amountMinor, refund.succeededAt,
      dayOf(refund.succeededAt), `refund:${refund.refundId}`,
    ]);
  }

  /** A refund outcome named the provider's id of one of our refunds; kept before the outcome is applied. */
  async providerRefundReported(sql: Sql, refund: { refundId: string; provider: ProviderName; providerRefundId: string }): Promise<void> {
    await sql.query(
      `INSERT INTO order_ledger.provider_refund_ids (refund_id, provider, provider_refund_id, recorded_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (refund_id) DO NOTHING`,
      [refund.refundId, refund.provider, refund.providerRefundId],
    );
  }
}
