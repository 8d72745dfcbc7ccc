import { Sql } from '@payments/persistence';

export interface StoredResponse {
  readonly statusCode: number;
  readonly body: string;
}

/** One client request under an Idempotency-Key. */
export interface IdempotentRequest {
  readonly userId: string;
  readonly key: string;
  /** sha256 of the canonical request body. */
  readonly requestHash: string;
}

export interface ClaimOptions {
  readonly now: Date;
  /** How long a record binds its key (24 h, as at Stripe). */
  readonly ttlMs: number;
  /** How long to wait for a request with the same key that is still in flight before answering 409 (>= 1). */
  readonly inFlightWaitMs: number;
}

export type IdempotencyLookup =
  /** The key is ours; `generation` counts earlier, expired uses of it. */
  | { readonly kind: 'new'; readonly generation: number }
  | { readonly kind: 'replay'; readonly response: StoredResponse }
  | { readonly kind: 'in_flight' }
  | { readonly kind: 'key_reused' };

interface Row { request_hash: string; state: string; response_status: number | null; response_body: string | null }

const CLAIM_SAVEPOINT = 'checkout_idempotency_claim';
/** SQLSTATE lock_not_available: `lock_timeout` ran out. */
const LOCK_NOT_AVAILABLE = '55P03';

function sqlStateOf(error: unknown): string | undefined {
  const { code, driverError } = (error ?? {}) as { code?: unknown; driverError?: { code?: unknown } };
  const state = typeof code === 'string' ? code : driverError?.code;
  return typeof state === 'string' ? state : undefined;
}

/**
 * Idempotency records per (user, key), enforced by the primary key: safe with several replicas.
 * Runs inside the caller's transaction. An in-flight request is an uncommitted row; a second
 * request with the same key waits for it at most `inFlightWaitMs` (a savepoint with
 * `SET LOCAL lock_timeout`), then is told `in_flight` and the transaction stays usable.
 */
export class IdempotencyRepository {
  /**
   * Claims the key for this request, or says what an earlier request with the same key decided.
   * After `new` the caller must end the claim with `complete` or `release` in the same transaction.
   */
  async claim(sql: Sql, request: IdempotentRequest, options: ClaimOptions): Promise<IdempotencyLookup> {
    const [{ previous }] = await sql.query<{ previous: string }>(`SELECT current_setting('lock_timeout') AS previous`);
    await sql.query(`SAVEPOINT ${CLAIM_SAVEPOINT}`);
    await sql.query(`SELECT set_config('lock_timeout', $1, true)`, [`${Math.max(1, Math.trunc(options.inFlightWaitMs))}ms`]);
    let lookup: IdempotencyLookup;
    try {
      lookup = await this.claimOrRead(sql, request, options);
    } catch (error) {
      if (sqlStateOf(error) !== LOCK_NOT_AVAILABLE) throw error;
      lookup = { kind: 'in_flight' };
    }
    if (lookup.kind !== 'new') {
      await this.rollbackToClaim(sql);
      return lookup;
    }
    // The savepoint stays until `complete` or `release`; later lock waits (coupons) are not cut short.
    await sql.query(`SELECT set_config('lock_timeout', $1, true)`, [previous]);
    return lookup;
  }

  /** Stores the response to replay (success or failure alike, as Stripe does) and ends the claim. */
  async complete(sql: Sql, request: IdempotentRequest, response: StoredResponse, orderId: string | null): Promise<void> {
    await sql.query(
      `UPDATE checkout.idempotency_keys SET state = 'completed', response_status = $3, response_body = $4, order_id = $5
        WHERE user_id = $1 AND idempotency_key = $2`,
      [request.userId, request.key, response.statusCode, response.body, orderId],
    );
    await sql.query(`RELEASE SAVEPOINT ${CLAIM_SAVEPOINT}`);
  }

  /**
   * Stripe saves nothing when validation fails: undoes the claim (and anything done since, such as
   * coupon locks), so the key stays free for a corrected request, or stays as it was if expired.
   */
  async release(sql: Sql): Promise<void> {
    await this.rollbackToClaim(sql);
  }

  private async claimOrRead(sql: Sql, request: IdempotentRequest, { now, ttlMs }: ClaimOptions): Promise<IdempotencyLookup> {
    const params = [request.userId, request.key, request.requestHash, now, new Date(now.getTime() + ttlMs)];
    // Waits (up to lock_timeout) when the same key is claimed by a transaction still running.
    const inserted = await sql.query<{ generation: number }>(
      `INSERT INTO checkout.idempotency_keys (user_id, idempotency_key, request_hash, state, created_at, expires_at)
       VALUES ($1, $2, $3, 'in_flight', $4, $5)
       ON CONFLICT (user_id, idempotency_key) DO NOTHING
       RETURNING generation`,
      params,
    );
    if (inserted.length === 1) return { kind: 'new', generation: inserted[0].generation };
    // An expired record no longer binds the key: the request takes it over as a new generation.
    const takenOver = await sql.query<{ generation: number }>(
      `UPDATE checkout.idempotency_keys
          SET request_hash = $3, state = 'in_flight', response_status = NULL, response_body = NULL, order_id = NULL,
              created_at = $4, expires_at = $5, generation = generation + 1
        WHERE user_id = $1 AND idempotency_key = $2 AND expires_at <= $4
       RETURNING generation`,
      params,
    );
    if (takenOver.length === 1) return { kind: 'new', generation: takenOver[0].generation };
    const [row] = await sql.query<Row>(
      `SELECT request_hash, state, response_status, response_body
         FROM checkout.idempotency_keys WHERE user_id = $1 AND idempotency_key = $2`,
      [request.userId, request.key],
    );
    if (!row) return { kind: 'in_flight' };
    if (row.request_hash.trim() !== request.requestHash) return { kind: 'key_reused' };
    if (row.state !== 'completed' || row.response_status === null || row.response_body === null) return { kind: 'in_flight' };
    return { kind: 'replay', response: { statusCode: row.response_status, body: row.response_body } };
  }

  private async rollbackToClaim(sql: Sql): Promise<void> {
    await sql.query(`ROLLBACK TO SAVEPOINT ${CLAIM_SAVEPOINT}`);
    await sql.query(`RELEASE SAVEPOINT ${CLAIM_SAVEPOINT}`);
  }
}
