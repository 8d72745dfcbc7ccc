import { Database, Sql } from '@payments/persistence';
import { ProviderFact } from '../domain/order.commands';

export interface UnmatchedFactsRow {
  orderId: string;
  firstReceivedAt: string;
  facts: number;
  kinds: string[];
  paymentsMinor: number;
  currency: string | null;
  providerPaymentIds: string[];
  surfacedAt: string | null;
  matchedAt: string | null;
}

const SELECT = `SELECT order_id, first_received_at, facts, kinds, payments_minor, currency, provider_payment_ids, surfaced_at, matched_at
                  FROM order_ledger.unmatched_facts`;

/**
 * The listing of provider facts without their order, kept in the transaction that appends to the
 * stream: one row per order id, updated as facts arrive, when the sweeper surfaces it, and when
 * the order turns up (matched).
 */
export class UnmatchedFactsRepository {
  async factReceived(sql: Sql, orderId: string, fact: ProviderFact, at: string): Promise<void> {
    const payment = fact.type === 'RecordPaymentSucceeded' ? fact.data : undefined;
    await sql.query(
      `INSERT INTO order_ledger.unmatched_facts AS u (order_id, first_received_at, facts, kinds, payments_minor, currency, provider_payment_ids)
       VALUES ($1, $2, 1, ARRAY[$3], $4, $5, $6)
       ON CONFLICT (order_id) DO UPDATE SET facts = u.facts + 1, kinds = u.kinds || $3,
         payments_minor = u.payments_minor + $4, currency = COALESCE(u.currency, $5), provider_payment_ids = u.provider_payment_ids || $6`,
      [orderId, at, fact.type, payment?.amountMinor ?? 0, payment?.currency ?? null, payment ? [payment.providerPaymentId] : []],
    );
  }

  async surfaced(sql: Sql, orderId: string, at: string): Promise<void> {
    await sql.query(`UPDATE order_ledger.unmatched_facts SET surfaced_at = $2 WHERE order_id = $1`, [orderId, at]);
  }

  async matched(sql: Sql, orderId: string, at: string): Promise<void> {
    await sql.query(`UPDATE order_ledger.unmatched_facts SET matched_at = $2 WHERE order_id = $1 AND matched_at IS NULL`, [orderId, at]);
  }

  /** One order whose facts waited past `olderThan` without being surfaced, locked for this transaction. */
  async nextDue(sql: Sql, olderThan: Date): Promise<string | undefined> {
    const [row] = await sql.query<{ order_id: string }>(
      `SELECT order_id FROM order_ledger.unmatched_facts
        WHERE matched_at IS NULL AND surfaced_at IS NULL AND first_received_at < $1
        ORDER BY first_received_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [olderThan],
    );
    return row?.order_id;
  }

  /** `open`: still without an order (surfaced or not yet); `all`: matched ones too. Newest first. */
  async list(db: Database, which: 'open' | 'surfaced' | 'all', limit: number): Promise<UnmatchedFactsRow[]> {
    const where = { open: 'WHERE matched_at IS NULL', surfaced: 'WHERE matched_at IS NULL AND surfaced_at IS NOT NULL', all: '' }[which];
    const rows = await db.query<Record<string, unknown>>(`${SELECT} ${where} ORDER BY first_received_at DESC LIMIT $1`, [limit]);
    return rows.map(rowOf);
  }

  async countSurfacedOpen(db: Database): Promise<number> {
    const [row] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM order_ledger.unmatched_facts WHERE matched_at IS NULL AND surfaced_at IS NOT NULL`);
    return Number(row?.n ?? 0);
  }
}

const iso = (value: unknown): string | null => (value === null || value === undefined ? null : new Date(value as string).toISOString());

function rowOf(row: Record<string, unknown>): UnmatchedFactsRow {
  return {
    orderId: row.order_id as string,
    firstReceivedAt: iso(row.first_received_at) as string,
    facts: row.facts as number,
    kinds: row.kinds as string[],
    paymentsMinor: Number(row.payments_minor),
    currency: (row.currency as string | null) ?? null,
    providerPaymentIds: row.provider_payment_ids as string[],
    surfacedAt: iso(row.surfaced_at),
    matchedAt: iso(row.matched_at),
  };
}
