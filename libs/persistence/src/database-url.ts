/** Default when DATABASE_URL is not set: the local server with trust auth. */
export const LOCAL_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL : LOCAL_DATABASE_URL;
}

/** Settings every service pool gets: a stuck transaction must not hold back event-store readers forever. */
export const SESSION_GUARDS = {
  idle_in_transaction_session_timeout: 30_000,
  statement_timeout: 30_000,
} as const;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema names are interpolated into DDL, so they are checked against a strict pattern first. */
export function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`invalid schema name "${schema}": use lower-case letters, digits and underscores`);
  }
  return schema;
}
