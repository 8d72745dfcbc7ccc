import { Sql } from '@payments/persistence';

/** A response the gateway stored for (scope, principal, Idempotency-Key), replayed byte for byte. */
export interface StoredResponse {
  readonly statusCode: number;
  readonly body: string;
}

export interface IdempotencyRecord extends StoredResponse {
  readonly requestHash: string;
}

export interface IdempotencyScope {
  /** What kind of command, e.g. 'refund'. */
  readonly scope: string;
  /** Whose key it is: keys are unique per caller, as with Stripe. */
  readonly principal: string;
  readonly key: string;
}

/**
 * The gateway's idempotency records, for commands it accepts itself. Every call takes the caller's
 * transaction: the record, the command's effect and its outgoing messages commit together.
 */
export class IdempotencyRepository {
  /**
   * Holds the key for the rest of the transaction; false when another transaction holds it (in
   * flight). A transaction-scoped advisory lock, so a crash never leaves a key stuck.
   */
  async tryLock(sql: Sql, id: IdempotencyScope): Promise<boolean> {
    const [row] = await sql.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked`,
      [JSON.stringify(['idempotency', id.scope, id.principal, id.key])],
    );
    return row.locked;
  }

  async find(sql: Sql, id: IdempotencyScope): Promise<IdempotencyRecord | null> {
    const [row] = await sql.query<{ request_hash: string; status_code: number; response_body: string }>(
      `SELECT request_hash, status_code, response_body FROM gateway.idempotency_keys
        WHERE scope = $1 AND principal = $2 AND idempotency_key = $3`,
      [id.scope, id.principal, id.key],
    );
    return row ? { requestHash: row.request_hash, statusCode: row.status_code, body: row.response_body } : null;
  }

  async save(sql: Sql, id: IdempotencyScope, record: IdempotencyRecord, now: Date): Promise<void> {
    await sql.query(
      `INSERT INTO gateway.idempotency_keys (scope, principal, idempotency_key, request_hash, status_code, response_body, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id.scope, id.principal, id.key, record.requestHash, record.statusCode, record.body, now],
    );
  }
}
