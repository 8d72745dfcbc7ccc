import { Client } from 'pg';
import { DataSource, MigrationInterface } from 'typeorm';
import { assertSchemaName } from '@payments/persistence';

export interface SchemaMigrations {
  /** The service's own PostgreSQL schema; created if missing. */
  schema: string;
  /** The migration classes, oldest first. */
  migrations: (new () => MigrationInterface)[];
}

/**
 * Creates the schema if missing and applies its pending TypeORM migrations in one transaction;
 * returns the names applied. Runs under an advisory lock per schema, so replicas starting together
 * and a migrations job queue up instead of racing to apply the same migration.
 */
export async function migrateSchema(url: string, { schema, migrations }: SchemaMigrations): Promise<string[]> {
  const name = assertSchemaName(schema);
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [`${name}.migrations`]);
    await lock.query(`CREATE SCHEMA IF NOT EXISTS ${name}`);
    // No statement_timeout here, unlike the service pools: a migration may rewrite a large table.
    const dataSource = new DataSource({
      type: 'postgres', url, schema: name, migrations, migrationsTableName: 'migrations', synchronize: false, entities: [], extra: { max: 1 },
    });
    await dataSource.initialize();
    try {
      return (await dataSource.runMigrations({ transaction: 'all' })).map((migration) => migration.name);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await lock.end();
  }
}
