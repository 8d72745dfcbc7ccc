// Recovery after a crash: each consumer app started, SIGKILLed once ready, started again at once,
// and the time from the new spawn until it answers /health/ready (it answers only once its
// consumers have joined their groups, so "ready" is "consuming again"). The killed member still
// sits in its group until its session times out, which the new member's join has to wait out.
//   npm run build && KAFKA_BROKERS=127.0.0.1:9092 node -r @swc-node/register tools/deploy/measure-restart.ts [runs] [source|compiled]
// Ports from MEASURE_PORT_BASE (default 13500), a throw-away database migrated first; prints a Markdown table.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppName, AppRuntime, readinessUrl, spawnAppProcess, stopChild, waitUntilReady } from '@payments/testing';
import { MEASURE_PORTS as ports, median, runMeasurement, withMigratedDatabase } from './measure-system';

const CONSUMER_APPS: readonly AppName[] = ['checkout', 'order-ledger', 'entitlements'];

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

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 3);
  const runtimes = process.argv[3] ? [process.argv[3] as AppRuntime] : (['source', 'compiled'] as const);
  await withMigratedDatabase('measure_restart', async (env) => {
    console.log('| app | runtime | restart after SIGKILL to ready (ms), median | every run (ms) |');
    console.log('|---|---|---:|---|');
    for (const app of CONSUMER_APPS) {
      for (const runtime of runtimes) {
        const samples: number[] = [];
        for (let run = 0; run < runs; run += 1) samples.push(await restartAfterKill(app, runtime, env));
        console.log(`| ${app} | ${runtime} | ${median(samples)} | ${samples.join(' / ')} |`);
      }
    }
  });
}

runMeasurement(main);
