// Start time (spawn to /health/ready answering 200) and resident memory of each app, run from
// TypeScript source (@swc-node/register) and from the compiled output, one app at a time:
//   npm run build && KAFKA_BROKERS=127.0.0.1:9092 node -r @swc-node/register tools/deploy/measure-start.ts [runs]
// Ports from MEASURE_PORT_BASE (default 13500: gateway there, the others after it), away from `npm start`'s.
// Uses a throw-away database, migrated first so no start pays for migrations; prints a Markdown table.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APPS, AppName, AppRuntime, readinessUrl, spawnAppProcess, stopChild, waitUntilReady } from '@payments/testing';
import { MEASURE_PORTS as ports, median, runMeasurement, withMigratedDatabase } from './measure-system';

interface Sample {
  startMs: number;
  rssMiB: number;
  cpuSeconds: number;
}

const SETTLE_MS = 5_000;
const CLOCK_TICKS = 100;

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith('VmRSS:')) ?? '';
  return Number(/(\d+)/.exec(line)?.[1] ?? 0) / 1024;
}

/** User + system CPU the process has used so far (fields 14 and 15 of /proc/<pid>/stat). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

async function sample(app: AppName, runtime: AppRuntime, env: NodeJS.ProcessEnv): Promise<Sample> {
  const started = Date.now();
  const child = spawnAppProcess(app, env, join(tmpdir(), 'measure-start', `${app}-${runtime}.log`), runtime);
  try {
    await waitUntilReady(app, readinessUrl(app, ports), child, 120_000);
    const startMs = Date.now() - started;
    const cpu = cpuSeconds(child.pid as number);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    return { startMs, rssMiB: rssMiB(child.pid as number), cpuSeconds: cpu };
  } finally {
    await stopChild(child);
  }
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 3);
  await withMigratedDatabase('measure_start', async (env) => {
    console.log('| app | runtime | start to ready (ms) | CPU to ready (s) | RSS after ready (MiB) |');
    console.log('|---|---|---:|---:|---:|');
    for (const app of APPS) {
      for (const runtime of ['source', 'compiled'] as const) {
        const samples: Sample[] = [];
        for (let run = 0; run < runs; run += 1) samples.push(await sample(app, runtime, env));
        const cell = (pick: (s: Sample) => number, digits: number) => median(samples.map(pick)).toFixed(digits);
        console.log(`| ${app} | ${runtime} | ${cell((s) => s.startMs, 0)} | ${cell((s) => s.cpuSeconds, 2)} | ${cell((s) => s.rssMiB, 0)} |`);
      }
    }
  });
}

runMeasurement(main);
