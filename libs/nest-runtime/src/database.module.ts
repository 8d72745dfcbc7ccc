import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource, MixedList } from 'typeorm';
import { Database, SESSION_GUARDS, assertSchemaName, databaseUrl, typeOrmDatabase } from '@payments/persistence';

/** The service's `Database` (transactions over its TypeORM DataSource). */
export const DATABASE = Symbol('DATABASE');

export interface ServiceDatabaseOptions {
  /** The service's own PostgreSQL schema; created if missing, then migrated. */
  schema: string;
  // TypeORM takes migration classes as Function values.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
  url?: string;
  poolSize?: number;
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
    return {
      module: ServiceDatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async () => {
            await ensureSchema(url, options.schema);
            return {
              type: 'postgres' as const,
              url,
              schema: options.schema,
              migrations: options.migrations,
              migrationsRun: true,
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
