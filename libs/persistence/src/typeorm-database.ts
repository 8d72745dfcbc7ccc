import { DataSource } from 'typeorm';
import { Database, Sql } from './sql';

/** Adapts a TypeORM DataSource to the `Database` seam (its EntityManager already speaks `Sql`). */
export function typeOrmDatabase(dataSource: DataSource): Database {
  return {
    query: <T>(text: string, params?: unknown[]) => dataSource.query(text, params) as Promise<T[]>,
    transaction: <T>(work: (sql: Sql) => Promise<T>) =>
      dataSource.transaction((manager) => work({ query: (text, params) => manager.query(text, params) })),
  };
}
