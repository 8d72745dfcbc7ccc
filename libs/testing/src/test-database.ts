import { Client } from 'pg';
import { databaseUrl } from '@payments/persistence';
import { uniqueName } from './infra';

export interface TestDatabase {
  readonly name: string;
  /** DATABASE_URL of the fresh database, for the services under test. */
  readonly url: string;
  /** Drops the database, ending any connection still open to it. */
  drop(): Promise<void>;
}

/** A fresh PostgreSQL database on the test server (CREATE DATABASE), for one test file. */
export async function testDatabase(prefix: string): Promise<TestDatabase> {
  const name = uniqueName(prefix);
  const admin = new Client({ connectionString: databaseUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(databaseUrl());
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const dropper = new Client({ connectionString: databaseUrl() });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
