import { DataSource } from 'typeorm';
import { databaseUrl } from './database-url';
import { typeOrmDatabase } from './typeorm-database';

describe('the TypeORM adapter of the Sql seam', () => {
  const dataSource = new DataSource({ type: 'postgres', url: databaseUrl() });
  const table = `pg_temp.counters`;

  beforeAll(async () => {
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('returns rows for UPDATE ... RETURNING and DELETE ... RETURNING, like SELECT', async () => {
    const db = typeOrmDatabase(dataSource);
    const result = await db.transaction(async (sql) => {
      await sql.query(`CREATE TEMP TABLE counters (id int PRIMARY KEY, n int NOT NULL)`);
      await sql.query(`INSERT INTO ${table} VALUES (1, 1), (2, 5)`);
      const updated = await sql.query<{ id: number; n: number }>(`UPDATE ${table} SET n = n + 1 WHERE id = 1 RETURNING id, n`);
      const deleted = await sql.query<{ id: number }>(`DELETE FROM ${table} WHERE id = 2 RETURNING id`);
      const none = await sql.query(`UPDATE ${table} SET n = 0 WHERE id = 99`);
      await sql.query(`DROP TABLE ${table}`);
      return { updated, deleted, none };
    });
    expect(result).toEqual({ updated: [{ id: 1, n: 2 }], deleted: [{ id: 2 }], none: [] });
  });

  it('rolls the whole transaction back when the work throws', async () => {
    const db = typeOrmDatabase(dataSource);
    await db.query(`CREATE TABLE IF NOT EXISTS public.typeorm_adapter_probe (id int PRIMARY KEY)`);
    await expect(
      db.transaction(async (sql) => {
        await sql.query(`INSERT INTO public.typeorm_adapter_probe VALUES (1)`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.query(`SELECT * FROM public.typeorm_adapter_probe`)).toEqual([]);
    await db.query(`DROP TABLE public.typeorm_adapter_probe`);
  });
});
