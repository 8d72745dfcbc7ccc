import { Sql } from '@payments/persistence';
import { Entitlement, EntitlementChange } from '../domain/entitlement';

const COLUMNS = `entitlement_id, user_id, product_id, kind, order_id, subscription_id, status, valid_until, sequence, granted_at`;

/** The entitlements table and its append-only change log; every method runs in the caller's transaction. */
export class EntitlementsRepository {
  /** The subscription's entitlement, locked until the transaction ends. */
  async forSubscription(sql: Sql, subscriptionId: string): Promise<Entitlement | undefined> {
    const [row] = await sql.query<Record<string, unknown>>(`SELECT ${COLUMNS} FROM entitlements.entitlements WHERE subscription_id = $1 FOR UPDATE`, [subscriptionId]);
    return row && entitlementOf(row);
  }

  /** The entitlements a one-time order granted, locked until the transaction ends. */
  async forOrder(sql: Sql, orderId: string): Promise<Entitlement[]> {
    const rows = await sql.query<Record<string, unknown>>(
      `SELECT ${COLUMNS} FROM entitlements.entitlements WHERE order_id = $1 AND subscription_id IS NULL ORDER BY product_id FOR UPDATE`, [orderId],
    );
    return rows.map(entitlementOf);
  }

  /**
   * One active entitlement whose validity has passed, locked SKIP LOCKED: every replica's sweeper
   * takes a different one, and a handler changing it meanwhile waits, or is waited for.
   */
  async nextLapsed(sql: Sql, now: Date): Promise<Entitlement | undefined> {
    const [row] = await sql.query<Record<string, unknown>>(
      `SELECT ${COLUMNS} FROM entitlements.entitlements
        WHERE status = 'active' AND valid_until IS NOT NULL AND valid_until <= $1
        ORDER BY valid_until LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [now],
    );
    return row && entitlementOf(row);
  }

  /** A one-time order's grant; false when the order already granted this product (a redelivery). */
  async insertOnce(sql: Sql, entitlement: Entitlement, at: Date): Promise<boolean> {
    const rows = await sql.query(`${INSERT} ON CONFLICT ON CONSTRAINT entitlements_once_per_order DO NOTHING RETURNING entitlement_id`, valuesOf(entitlement, at));
    return rows.length > 0;
  }

  /** A subscription's first entitlement; a concurrent insert for the same subscription fails this transaction, to be retried. */
  async insert(sql: Sql, entitlement: Entitlement, at: Date): Promise<void> {
    await sql.query(INSERT, valuesOf(entitlement, at));
  }

  async update(sql: Sql, entitlement: Entitlement, at: Date): Promise<void> {
    await sql.query(
      `UPDATE entitlements.entitlements
          SET status = $2, valid_until = $3, sequence = $4,
              revoked_at = CASE WHEN $2 = 'revoked' THEN coalesce(revoked_at, $5) END
        WHERE entitlement_id = $1`,
      [entitlement.entitlementId, entitlement.status, entitlement.validUntil, entitlement.sequence, at],
    );
  }

  async appendChange(sql: Sql, entitlementId: string, change: EntitlementChange): Promise<void> {
    await sql.query(
      `INSERT INTO entitlements.entitlement_changes (entitlement_id, sequence, change, reason, at) VALUES ($1, $2, $3, $4, $5)`,
      [entitlementId, change.sequence, change.change, change.reason, change.at],
    );
  }
}

const INSERT = `INSERT INTO entitlements.entitlements (${COLUMNS}, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`;

function valuesOf(e: Entitlement, at: Date): unknown[] {
  const revokedAt = e.status === 'revoked' ? at : null;
  return [e.entitlementId, e.userId, e.productId, e.kind, e.orderId, e.subscriptionId, e.status, e.validUntil, e.sequence, e.grantedAt, revokedAt];
}

const dateOf = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(value as string));

function entitlementOf(row: Record<string, unknown>): Entitlement {
  return {
    entitlementId: row.entitlement_id as string,
    userId: row.user_id as string,
    productId: row.product_id as string,
    kind: row.kind as Entitlement['kind'],
    orderId: row.order_id as string,
    subscriptionId: (row.subscription_id as string | null) ?? null,
    status: row.status as Entitlement['status'],
    validUntil: dateOf(row.valid_until),
    sequence: row.sequence as number,
    grantedAt: dateOf(row.granted_at),
  };
}
