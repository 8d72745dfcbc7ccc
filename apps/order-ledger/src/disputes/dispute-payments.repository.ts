import type { ProviderName } from '@payments/contracts';
import { Sql } from '@payments/persistence';
import { DisputeReport } from './domain/dispute.events';

/**
 * Which order each provider payment paid, and the dispute reports waiting for a payment not known
 * yet. A dispute names the payment (Stripe's names no order of ours), so the lookup and the
 * recording of a payment take the same per-payment lock: a dispute looked up while its payment is
 * being applied either sees the payment, or is seen by it, never neither.
 */
export class DisputePaymentsRepository {
  /** Held to the end of the transaction. */
  async lock(sql: Sql, provider: ProviderName, providerPaymentId: string): Promise<void> {
    await sql.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [JSON.stringify(['payment-ref', provider, providerPaymentId])]);
  }

  async orderOf(sql: Sql, provider: ProviderName, providerPaymentId: string): Promise<string | null> {
    const [row] = await sql.query<{ order_id: string }>(
      `SELECT order_id FROM order_ledger.order_payment_refs WHERE provider = $1 AND provider_payment_id = $2`, [provider, providerPaymentId],
    );
    return row?.order_id ?? null;
  }

  /** A dispute for a payment no order has (yet): kept once per provider event. */
  async awaitPayment(sql: Sql, provider: ProviderName, report: DisputeReport, at: Date): Promise<void> {
    await sql.query(
      `INSERT INTO order_ledger.disputes_awaiting_payment (provider, provider_event_id, provider_payment_id, dispute_id, report, received_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (provider, provider_event_id) DO NOTHING`,
      [provider, report.providerEventId, report.providerPaymentId, report.disputeId, JSON.stringify(report), at],
    );
  }

  /**
   * The payment paid `orderId`: recorded (under the payment's lock), and the dispute reports that
   * waited for it handed over, oldest first, marked applied in this transaction.
   */
  async paymentApplied(sql: Sql, provider: ProviderName, providerPaymentId: string, orderId: string, at: Date): Promise<DisputeReport[]> {
    await this.lock(sql, provider, providerPaymentId);
    await sql.query(
      `INSERT INTO order_ledger.order_payment_refs (provider, provider_payment_id, order_id, recorded_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [provider, providerPaymentId, orderId, at],
    );
    const rows = await sql.query<{ report: DisputeReport; received_at: Date; provider_event_id: string }>(
      `UPDATE order_ledger.disputes_awaiting_payment SET order_id = $3, applied_at = $4
        WHERE provider = $1 AND provider_payment_id = $2 AND applied_at IS NULL
        RETURNING report, received_at, provider_event_id`,
      [provider, providerPaymentId, orderId, at],
    );
    const oldestFirst = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
      a.received_at.getTime() - b.received_at.getTime() || a.provider_event_id.localeCompare(b.provider_event_id);
    return [...rows].sort(oldestFirst).map((row) => row.report);
  }
}
