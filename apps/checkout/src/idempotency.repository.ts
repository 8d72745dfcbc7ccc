import { Sql } from '@payments/persistence';

export interface StoredResponse {
  readonly statusCode: number;
  readonly body: string;
}

export type IdempotencyLookup =
  | { readonly kind: 'new' }
  | { readonly kind: 'replay'; readonly response: StoredResponse }
  | { readonly kind: 'in_flight' }
  | { readonly kind: 'key_reused' };

interface Row { request_hash: string; state: string; response_status: number | null; response_body: string | null; expires_at: Date }

/** Idempotency records per (user, key), enforced by the primary key: safe with several replicas. */
export class IdempotencyRepository {
  /** Claims the key for this request, or says what an earlier request with the same key decided. */
  async claim(sql: Sql, userId: string, key: string, requestHash: string, now: Date, ttlMs: number): Promise<IdempotencyLookup> {
    // An expired record no longer binds the key.
    await sql.query(`DELETE FROM checkout.idempotency_keys WHERE user_id = $1 AND idempotency_key = $2 AND expires_at <= $3`, [userId, key, now]);
    const claimed = await sql.query(
      `INSERT INTO checkout.idempotency_keys (user_id, idempotency_key, request_hash, state, created_at, expires_at)
       VALUES ($1, $2, $3, 'in_flight', $4, $5)
       ON CONFLICT (user_id, idempotency_key) DO NOTHING
       RETURNING user_id`,
      [userId, key, requestHash, now, new Date(now.getTime() + ttlMs)],
    );
    if (claimed.length === 1) return { kind: 'new' };
    const [row] = await sql.query<Row>(
      `SELECT request_hash, state, response_status, response_body, expires_at
         FROM checkout.idempotency_keys WHERE user_id = $1 AND idempotency_key = $2`,
      [userId, key],
    );
    if (row.request_hash !== requestHash) return { kind: 'key_reused' };
    if (row.state === 'in_flight' || row.response_status === null || row.response_body === null) return { kind: 'in_flight' };
    return { kind: 'replay', response: { statusCode: row.response_status, body: row.response_body } };
  }

  async complete(sql: Sql, userId: string, key: string, response: StoredResponse, orderId: string | null): Promise<void> {
    await sql.query(
      `UPDATE checkout.idempotency_keys SET state = 'completed', response_status = $3, response_body = $4, order_id = $5
        WHERE user_id = $1 AND idempotency_key = $2`,
      [userId, key, response.statusCode, response.body, orderId],
    );
  }

  /** Stripe saves nothing when validation fails: the key stays free for a corrected request. */
  async release(sql: Sql, userId: string, key: string): Promise<void> {
    await sql.query(`DELETE FROM checkout.idempotency_keys WHERE user_id = $1 AND idempotency_key = $2 AND state = 'in_flight'`, [userId, key]);
  }
}
