import { Database, Sql } from '@payments/persistence';

export interface AdminActionRecord {
  readonly adminId: string;
  /** e.g. `refund.request`, `review.resolve`, `dead-letters.replay`, `parked.retry`. */
  readonly action: string;
  /** What it acted on: `order:<id>`, `unmatched:<id>`, `topic:<name>`, `parked:<service>/<id>`. */
  readonly subject: string;
  readonly idempotencyKey: string;
  readonly request: unknown;
  readonly statusCode: number;
  readonly correlationId: string;
  readonly performedAt: Date;
}

export interface AdminActionRow extends AdminActionRecord {
  readonly actionId: string;
}

interface Row {
  action_id: string; admin_id: string; action: string; subject: string; idempotency_key: string; request: unknown;
  status_code: number; correlation_id: string; performed_at: Date;
}

/** The audit trail of the admin API: one row per action taken (replays of a stored answer add none). */
export class AdminAuditRepository {
  async record(sql: Sql, action: AdminActionRecord): Promise<void> {
    await sql.query(
      `INSERT INTO gateway.admin_actions (admin_id, action, subject, idempotency_key, request, status_code, correlation_id, performed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [action.adminId, action.action, action.subject, action.idempotencyKey, JSON.stringify(action.request ?? {}), action.statusCode, action.correlationId, action.performedAt],
    );
  }

  /** Newest first; `subject` narrows to one thing acted on. */
  async list(db: Database, filter: { subject?: string; limit: number }): Promise<AdminActionRow[]> {
    const rows = await db.query<Row>(
      `SELECT * FROM gateway.admin_actions WHERE ($1::text IS NULL OR subject = $1) ORDER BY action_id DESC LIMIT $2`,
      [filter.subject ?? null, filter.limit],
    );
    return rows.map((row) => ({
      actionId: String(row.action_id), adminId: row.admin_id, action: row.action, subject: row.subject, idempotencyKey: row.idempotency_key,
      request: row.request, statusCode: row.status_code, correlationId: row.correlation_id, performedAt: row.performed_at,
    }));
  }
}
