import { databaseUrl } from '@payments/persistence';
import { createLogger } from '@payments/observability';
import { SchemaMigrations, migrateSchema } from './schema-migrations';

/**
 * The body of an app's `migrate.ts`: applies its schema's migrations to DATABASE_URL, says what it
 * applied, and exits non-zero if it could not (a migrations job then fails and the roll stops).
 */
export function runMigrationsCommand(service: string, target: SchemaMigrations, env: NodeJS.ProcessEnv = process.env): void {
  const logger = createLogger(`${service}-migrate`);
  migrateSchema(databaseUrl(env), target).then(
    (applied) => logger.info({ schema: target.schema, applied }, applied.length > 0 ? `${target.schema}: applied ${applied.join(', ')}` : `${target.schema}: up to date`),
    (error: unknown) => {
      logger.fatal({ err: error, schema: target.schema }, `${target.schema}: migrations failed: ${(error as Error).message}`);
      process.exitCode = 1;
    },
  );
}
