// How long webhook-ingest's event loop is busy with one signed webhook (verify, redact, store in
// its real PostgreSQL), and whether /health/live answers meanwhile; prints figures, asserts nothing.
//   KAFKA_BROKERS=127.0.0.1:9092 node -r @swc-node/register tools/bench/webhook-ingest.bench.ts
// The app runs as its own process, as deployed, with event-loop.probe.ts loaded into it: each row
// reads the app's own event-loop figures from just before the request to just after its answer.
// "busy" is the event loop's active time in that span (eventLoopUtilization), "longest block" its
// longest stretch without a turn (monitorEventLoopDelay, 1 ms resolution), "cpu" the process's CPU
// time; all medians, with the best busy time too. Busy and longest block are wall-clock: on a
// loaded machine (the header prints the load average) compare with cpu and with the best run.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { DEV_SECRETS, spawnAppProcess, stopChild, testDatabase, waitUntilReady } from '@payments/testing';
import type { EventLoopReading } from './event-loop.probe';
import { hostilePayload, realisticPayload } from './redaction.bench';

const KIB = 1024;
const SIZES_KIB = [16, 64, 256];
const RUNS = 7;
const ROOT = join(__dirname, '..', '..');
const { webhooks } = new Stripe(DEV_SECRETS.STRIPE_SECRET_KEY);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Endpoints {
  webhook: string;
  health: string;
  probe: string;
}

/** The event with an id of its own (the same length), so that each run is recorded, not deduplicated. */
const withFreshId = (raw: string) => raw.replace('evt_1QAbCdEfGhIjKlMn', `evt_${randomBytes(8).toString('hex')}`);

async function readProbe(endpoints: Endpoints): Promise<EventLoopReading> {
  return (await (await fetch(endpoints.probe)).json()) as EventLoopReading;
}

/** Posts one signed event (it must be answered 200); the app's event-loop reading over the request. */
async function ingestOnce(endpoints: Endpoints, raw: string): Promise<EventLoopReading> {
  const body = withFreshId(raw);
  const signature = webhooks.generateTestHeaderString({ payload: body, secret: DEV_SECRETS.STRIPE_WEBHOOK_SECRET });
  await readProbe(endpoints);
  const response = await fetch(endpoints.webhook, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body });
  const reading = await readProbe(endpoints);
  const answer = await response.text();
  if (response.status !== 200) throw new Error(`webhook-ingest answered ${response.status}: ${answer}`);
  return reading;
}

/** /health/live asked over and over while one event is ingested: how many answers came, and the slowest. */
async function healthDuring(endpoints: Endpoints, raw: string): Promise<{ answers: number; slowestMs: number }> {
  let ingesting = true;
  let answers = 0;
  let slowestMs = 0;
  const poll = (async () => {
    while (ingesting) {
      const started = performance.now();
      const response = await fetch(endpoints.health);
      await response.text();
      if (response.ok) answers += 1;
      slowestMs = Math.max(slowestMs, performance.now() - started);
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 5));
  await ingestOnce(endpoints, raw).finally(() => {
    ingesting = false;
  });
  await poll;
  return { answers, slowestMs };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => `${value.toFixed(1).padStart(6)} ms`;

async function row(endpoints: Endpoints, label: string, raw: string): Promise<void> {
  for (let warmUp = 0; warmUp < 2; warmUp += 1) await ingestOnce(endpoints, raw);
  const readings: EventLoopReading[] = [];
  for (let run = 0; run < RUNS; run += 1) readings.push(await ingestOnce(endpoints, raw));
  const health = await healthDuring(endpoints, raw);
  console.log(
    `${label.padEnd(34)} ${(Buffer.byteLength(raw) / KIB).toFixed(0).padStart(4)} KiB  busy ${ms(median(readings.map((r) => r.activeMs)))}` +
      ` (best ${ms(Math.min(...readings.map((r) => r.activeMs)))})` +
      `  longest block ${ms(median(readings.map((r) => r.longestBlockMs)))}  cpu ${ms(median(readings.map((r) => r.cpuMs)))}` +
      `  /health/live meanwhile: ${health.answers} answers, slowest ${ms(health.slowestMs)}`,
  );
}

/** Starts webhook-ingest on a database of its own and prints a row per event size (also part of `npm run bench`). */
export async function webhookIngestBench(brokers: string[]): Promise<void> {
  const database = await testDatabase('bench_webhook_ingest');
  const [port, probePort] = [await freePort(), await freePort()];
  const env = {
    ...DEV_SECRETS, PATH: process.env.PATH, HOME: process.env.HOME, KAFKA_BROKERS: brokers.join(','), DATABASE_URL: database.url,
    WEBHOOK_INGEST_PORT: String(port), LOG_LEVEL: 'warn', BENCH_PROBE_PORT: String(probePort),
    NODE_OPTIONS: `-r @swc-node/register -r ${join(__dirname, 'event-loop.probe.ts')}`,
  };
  const app = spawnAppProcess('webhook-ingest', env, join(ROOT, 'tmp', 'bench-logs', `webhook-ingest-${port}.log`));
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitUntilReady('webhook-ingest', `${base}/health/ready`, app, 90_000);
    const endpoints = { webhook: `${base}/webhooks/stripe`, health: `${base}/health/live`, probe: `http://127.0.0.1:${probePort}/` };
    const load = loadavg().map((average) => average.toFixed(1)).join(' ');
    console.log(`webhook-ingest as a process, signed Stripe events verified, redacted and stored; median of ${RUNS} runs (load average ${load} on ${cpus().length} cores)`);
    for (const size of SIZES_KIB) await row(endpoints, 'Stripe invoice.paid, many lines', realisticPayload(size * KIB));
    await row(endpoints, 'hostile description: a.a.a.', hostilePayload(256 * KIB, 'a.'));
  } finally {
    await stopChild(app);
    await database.drop();
  }
}

if (require.main === module) {
  const brokers = process.env.KAFKA_BROKERS?.split(',');
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: webhook-ingest needs a broker to be ready');
  webhookIngestBench(brokers).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
