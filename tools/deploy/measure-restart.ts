// Recovery after a crash: each consumer app started, SIGKILLed once ready, started again at once,
// and the time from the new spawn until it answers /health/ready (it answers only once its
// consumers have joined their groups, so "ready" is "consuming again"). The killed member still
// sits in its group until its session times out, which the new member's join has to wait out.
//   npm run build && KAFKA_BROKERS=127.0.0.1:9092 node -r @swc-node/register tools/deploy/measure-restart.ts [runs] [source|compiled]
// Ports from MEASURE_PORT_BASE (default 13500), a throw-away database migrated first; prints a Markdown table.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { AppName, AppRuntime, SystemPorts, readinessUrl, spawnAppProcess, stopChild, systemEnvironment, testDatabase, waitUntilReady } from '@payments/testing';

const CONSUMER_APPS: readonly AppName[] = ['checkout', 'order-ledger', 'entitlements'];
const base = Number(process.env.MEASURE_PORT_BASE ?? 13500);
const ports: SystemPorts = { gateway: base, webhookIngest: base + 1, checkout: base + 2, orderLedger: base + 3, entitlements: base + 4, sandbox: base + 10 };

async function restartAfterKill(app: AppName, runtime: AppRuntime, env: NodeJS.ProcessEnv): Promise<number> {
  const log = join(tmpdir(), 'measure-restart', `${app}-${runtime}.log`);
  const first = spawnAppProcess(app, env, log, runtime);
  await waitUntilReady(app, readinessUrl(app, ports), first, 120_000);
  first.kill('SIGKILL');
  await new Promise((resolve) => first.once('exit', resolve));
  const started = Date.now();
  const second = spawnAppProcess(app, env, log, runtime);
  try {
    await waitUntilReady(app, readinessUrl(app, ports), second, 120_000);
    return Date.now() - started;
  } finally {
    await stopChild(second);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 3);
  const runtimes = process.argv[3] ? [process.argv[3] as AppRuntime] : (['source', 'compiled'] as const);
  const database = await testDatabase('measure_restart');
  try {
    const env = systemEnvironment(ports, { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn' });
    execFileSync('bash', ['scripts/migrate.sh'], { env: { ...env, APP_RUNTIME: 'compiled' }, stdio: 'ignore' });
    console.log('| app | runtime | restart after SIGKILL to ready (ms), median | every run (ms) |');
    console.log('|---|---|---:|---|');
    for (const app of CONSUMER_APPS) {
      for (const runtime of runtimes) {
        const samples: number[] = [];
        for (let run = 0; run < runs; run += 1) samples.push(await restartAfterKill(app, runtime, env));
        console.log(`| ${app} | ${runtime} | ${median(samples)} | ${samples.join(' / ')} |`);
      }
    }
  } finally {
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
