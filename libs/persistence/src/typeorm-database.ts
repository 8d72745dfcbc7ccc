import { DataSource, QueryRunner } from 'typeorm';
import { Database, Sql } from './sql';

/**
 * TypeORM's plain `query()` returns `[rows, rowCount]` for UPDATE and DELETE; the structured
 * result's `records` are always the rows, which is what `Sql` promises.
 */
function runnerSql(runner: QueryRunner): Sql {
  return {
    async query<T>(text: string, params?: unknown[]): Promise<T[]> {
      const result = await runner.query(text, params, true);
      return (result.records ?? []) as T[];
    },
  };
}

/** Adapts a TypeORM DataSource to the `Database` seam. */
export function typeOrmDatabase(dataSource: DataSource): Database {
  return {
    async query<T>(text: string, params?: unknown[]): Promise<T[]> {
      const runner = dataSource.createQueryRunner();
      try {
        return await runnerSql(runner).query<T>(text, params);
      } finally {
        await runner.release();
      }
    },
    transaction: <T>(work: (sql: Sql) => Promise<T>) =>
      dataSource.transaction((manager) => work(runnerSql(manager.queryRunner as QueryRunner))),
  };
}
