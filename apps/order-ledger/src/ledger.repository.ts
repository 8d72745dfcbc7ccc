import { Sql } from '@payments/persistence';
import { LedgerPosting, isBalanced } from './domain/ledger-postings';
import { formatInvoiceNumber } from './domain/invoice-number';


/** The double-entry ledger and gap-free invoice numbers, in order-ledger's schema. */
export class LedgerRepository {
  /**
   * Posts a journal unless one with this id exists already (journal ids derive from the provider's
   * ids, so a fact reported twice, or a reconciliation run twice, books once). True when it posted.
   */
  async postOnce(sql: Sql, journalId: string, orderId: string | null, postings: readonly LedgerPosting[], at: Date): Promise<boolean> {
    const [existing] = await sql.query<{ one: number }>(`SELECT 1 AS one FROM order_ledger.ledger_postings WHERE journal_id = $1 LIMIT 1`, [journalId]);
    if (existing) return false;
    await this.post(sql, journalId, orderId, postings, at);
    return true;
  }

  /** `orderId` is null for journals about no one order (a payout, a platform fee). */
  async post(sql: Sql, journalId: string, orderId: string | null, postings: readonly LedgerPosting[], at: Date): Promise<void> {
    if (!isBalanced(postings)) throw new Error(`journal ${journalId} does not balance`);
    if (postings.length === 0) return;
    // The whole journal in one statement: one round trip, not one per posting.
    await sql.query(
      `INSERT INTO order_ledger.ledger_postings (journal_id, order_id, account, amount_minor, currency, posted_at)
       SELECT $1::text, $2::uuid, posting.account, posting.amount_minor, posting.currency, $3::timestamptz
         FROM unnest($4::text[], $5::bigint[], $6::text[]) WITH ORDINALITY AS posting (account, amount_minor, currency, n)
        ORDER BY posting.n`,
      [journalId, orderId, at, postings.map((p) => p.account), postings.map((p) => p.amountMinor), postings.map((p) => p.currency)],
    );
  }

  /**
   * The next invoice number of the year, taken under the counter's row lock inside the paying
   * transaction: a rolled-back payment returns its number, so the sequence has no gaps. An invoice
   * is for an order, or for one paid period of a subscription (its provider payment id).
   */
  async issueInvoice(sql: Sql, invoice: InvoiceSubject & { amountMinor: number; taxMinor: number; currency: string }, at: Date): Promise<string> {
    const year = at.getUTCFullYear();
    const [counter] = await sql.query<{ last_number: number }>(
      `INSERT INTO order_ledger.invoice_counters (year, last_number) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_number = order_ledger.invoice_counters.last_number + 1
       RETURNING last_number`,
      [year],
    );
    const invoiceNumber = formatInvoiceNumber(counter.last_number, at);
    const subscription = 'subscriptionId' in invoice ? invoice : undefined;
    await sql.query(
      `INSERT INTO order_ledger.invoices (invoice_number, order_id, subscription_id, provider_payment_id, amount_minor, tax_minor, currency, issued_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        invoiceNumber, 'orderId' in invoice ? invoice.orderId : null, subscription?.subscriptionId ?? null, subscription?.providerPaymentId ?? null,
        invoice.amountMinor, invoice.taxMinor, invoice.currency, at,
      ],
    );
    return invoiceNumber;
  }
}

/** What an invoice is for: an order, or one collection of a subscription. */
export type InvoiceSubject = { orderId: string } | { subscriptionId: string; providerPaymentId: string };
