import { randomBytes } from 'node:crypto';
import { PgDatabase, databaseUrl } from '@payments/persistence';

export function kafkaBrokers(): string[] {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set (run the tests with `npm test`)');
  return brokers.split(',').map((broker) => broker.trim());
}

/** A unique, lower-case name for a schema, topic or consumer group owned by one test. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** A pool on the test database and a fresh schema that `drop()` removes with everything in it. */
export async function testSchema(prefix: string): Promise<{ db: PgDatabase; schema: string; drop(): Promise<void> }> {
  const schema = uniqueName(prefix);
  const db = new PgDatabase({ connectionString: databaseUrl(), max: 10 });
  await db.query(`CREATE SCHEMA ${schema}`);
  return {
    db,
    schema,
    async drop() {
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    },
  };
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}
