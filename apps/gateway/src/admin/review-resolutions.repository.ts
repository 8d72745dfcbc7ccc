import { Database, Sql } from '@payments/persistence';

export type ReviewKind = 'order' | 'unmatched';

export interface ReviewResolution {
  readonly kind: ReviewKind;
  readonly subjectId: string;
  readonly resolvedBy: string;
  readonly note: string;
  readonly resolvedAt: Date;
}

interface Row { kind: ReviewKind; subject_id: string; resolved_by: string; note: string; resolved_at: Date }

const toResolution = (row: Row): ReviewResolution => ({
  kind: row.kind, subjectId: row.subject_id, resolvedBy: row.resolved_by, note: row.note, resolvedAt: row.resolved_at,
});

/**
 * What an admin decided about a review flag or an unmatched payment: a record of the decision, which
 * moves no money (refunds do that). One per flag; the first resolution stands.
 */
export class ReviewResolutionsRepository {
  /** The resolution now on record: this one, or the earlier one if the flag was already resolved. */
  async resolve(sql: Sql, resolution: ReviewResolution): Promise<ReviewResolution> {
    await sql.query(
      `INSERT INTO gateway.review_resolutions (kind, subject_id, resolved_by, note, resolved_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (kind, subject_id) DO NOTHING`,
      [resolution.kind, resolution.subjectId, resolution.resolvedBy, resolution.note, resolution.resolvedAt],
    );
    const [row] = await sql.query<Row>(`SELECT * FROM gateway.review_resolutions WHERE kind = $1 AND subject_id = $2`, [resolution.kind, resolution.subjectId]);
    return toResolution(row);
  }

  async of(db: Database, kind: ReviewKind, subjectIds: readonly string[]): Promise<Map<string, ReviewResolution>> {
    if (subjectIds.length === 0) return new Map();
    const rows = await db.query<Row>(`SELECT * FROM gateway.review_resolutions WHERE kind = $1 AND subject_id = ANY($2::uuid[])`, [kind, subjectIds]);
    return new Map(rows.map((row) => [row.subject_id, toResolution(row)]));
  }
}
