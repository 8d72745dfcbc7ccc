import { databaseUrl } from './database-url';
import { PgDatabase } from './pg-database';

describe('PgDatabase when PostgreSQL ends an idle connection', () => {
  it('reports it, does not raise it as an unhandled error, and the next query opens a new connection', async () => {
    const seen: Error[] = [];
    const db = new PgDatabase({ connectionString: databaseUrl(), max: 1 }, (error) => seen.push(error));
    const admin = new PgDatabase({ connectionString: databaseUrl(), max: 1 });
    try {
      const [{ pid }] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      for (let waited = 0; seen.length === 0 && waited < 5_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(seen).toHaveLength(1);
      expect(seen[0].message).toMatch(/terminating connection/);
      const [{ pid: next }] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      expect(next).not.toBe(pid);
    } finally {
      await db.pool.end();
      await admin.pool.end();
    }
  });
});
