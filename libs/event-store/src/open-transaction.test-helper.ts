import { Pool } from 'pg';
import { Sql } from '@payments/persistence';

/** A transaction held open on its own connection, so a test can interleave it with others. */
export interface OpenTransaction {
  sql: Sql;
  /** Backend pid, to watch the session in pg_stat_activity. */
  pid: number;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export async function openTransaction(pool: Pool): Promise<OpenTransaction> {
  const client = await pool.connect();
  const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
  await client.query('BEGIN');
  let released = false;
  const end = async (statement: 'COMMIT' | 'ROLLBACK') => {
    if (released) return;
    released = true;
    try {
      await client.query(statement);
    } finally {
      client.release();
    }
  };
  return {
    sql: { query: async <T>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[] },
    pid,
    commit: () => end('COMMIT'),
    rollback: () => end('ROLLBACK'),
  };
}

/** Resolves once the session `pid` is waiting on a lock, i.e. it has really started and is blocked. */
export async function waitingOnLock(pool: Pool, pid: number): Promise<void> {
  for (;;) {
    const { rows } = await pool.query<{ wait_event_type: string | null }>(
      'SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1',
      [pid],
    );
    if (rows[0]?.wait_event_type === 'Lock') return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
