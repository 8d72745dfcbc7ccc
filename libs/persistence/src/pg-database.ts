import { Pool, PoolClient, PoolConfig } from 'pg';
import { Database, Sql } from './sql';

function clientSql(client: PoolClient): Sql {
  return {
    async query<T>(text: string, params?: unknown[]): Promise<T[]> {
      const result = await client.query(text, params as unknown[]);
      return result.rows as T[];
    },
  };
}

/** A `Database` over a node-postgres pool; used by libraries, tests and tools outside Nest. */
export class PgDatabase implements Database {
  readonly pool: Pool;

  /**
   * `onIdleClientError`: told when PostgreSQL ends a connection that sits idle in the pool (a
   * restart, a terminated backend). The pool drops that connection and opens another on the next
   * query; without a listener node-postgres would raise it as an unhandled error and end the process.
   */
  constructor(config: PoolConfig, onIdleClientError: (error: Error) => void = () => undefined) {
    this.pool = new Pool(config);
    this.pool.on('error', onIdleClientError);
  }

  async query<T>(text: string, params?: unknown[]): Promise<T[]> {
    const result = await this.pool.query(text, params as unknown[]);
    return result.rows as T[];
  }

  async transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(clientSql(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
