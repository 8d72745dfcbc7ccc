// What the start and restart measurements share: ports away from `npm start`'s, a throw-away
// database migrated first (so no start pays for migrations), the median of the runs.
import { execFileSync } from 'node:child_process';
import { SystemPorts, systemEnvironment, testDatabase } from '@payments/testing';

const base = Number(process.env.MEASURE_PORT_BASE ?? 13500);
export const MEASURE_PORTS: SystemPorts = { gateway: base, webhookIngest: base + 1, checkout: base + 2, orderLedger: base + 3, entitlements: base + 4, sandbox: base + 10 };

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs `measure` with the system's environment on a migrated throw-away database, dropped afterwards. */
export async function withMigratedDatabase(name: string, measure: (env: NodeJS.ProcessEnv) => Promise<void>): Promise<void> {
  const database = await testDatabase(name);
  try {
    const env = systemEnvironment(MEASURE_PORTS, { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn' });
    execFileSync('bash', ['scripts/migrate.sh'], { env: { ...env, APP_RUNTIME: 'compiled' }, stdio: 'ignore' });
    await measure(env);
  } finally {
    await database.drop();
  }
}

/** The command line's entry point: a failure prints its message and exits 1. */
export function runMeasurement(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
