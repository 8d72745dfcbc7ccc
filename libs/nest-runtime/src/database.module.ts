import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Database, SESSION_GUARDS, assertSchemaName, databaseUrl, typeOrmDatabase } from '@payments/persistence';
import { SchemaMigrations, migrateSchema } from './schema-migrations';
import { startupProvisioningFrom } from './startup-provisioning.config';

/** The service's `Database` (transactions over its TypeORM DataSource). */
export const DATABASE = Symbol('DATABASE');

export interface ServiceDatabaseOptions {
  /** The service's own PostgreSQL schema; created if missing, then migrated. */
  schema: string;
  migrations: SchemaMigrations['migrations'];
  url?: string;
  poolSize?: number;
  /** Apply pending migrations at start; default DATABASE_MIGRATE_AT_START (true). */
  migrateAtStart?: boolean;
}

/** CREATE SCHEMA must happen before TypeORM can keep its migrations table in that schema. */
export async function ensureSchema(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${assertSchemaName(schema)}`);
  } finally {
    await client.end();
  }
}

const sessionOptions = Object.entries(SESSION_GUARDS)
  .map(([name, value]) => `-c ${name}=${value}`)
  .join(' ');

@Module({})
export class ServiceDatabaseModule {
  static forRoot(options: ServiceDatabaseOptions): DynamicModule {
    const url = options.url ?? databaseUrl();
    const migrateAtStart = options.migrateAtStart ?? startupProvisioningFrom().migrateAtStart;
    return {
      module: ServiceDatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async () => {
            if (migrateAtStart) await migrateSchema(url, options);
            return {
              type: 'postgres' as const,
              url,
              schema: options.schema,
              migrations: options.migrations,
              migrationsRun: false,
              migrationsTableName: 'migrations',
              synchronize: false,
              entities: [],
              extra: { max: options.poolSize ?? 10, options: sessionOptions },
            };
          },
        }),
      ],
      providers: [
        {
          provide: DATABASE,
          inject: [getDataSourceToken()],
          useFactory: (dataSource: DataSource): Database => typeOrmDatabase(dataSource),
        },
      ],
      exports: [DATABASE],
    };
  }
}
