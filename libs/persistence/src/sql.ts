/**
 * The one database seam the plain libraries (messaging, event-store) depend on.
 * A TypeORM `EntityManager` satisfies `Sql` as it is; a `pg` client is adapted by `fromPool`.
 */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

/** Runs work in one PostgreSQL transaction: commit when `work` resolves, roll back when it throws. */
export interface Database extends Sql {
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
}
