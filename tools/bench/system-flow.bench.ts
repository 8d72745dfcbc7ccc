// The whole system under load, measured from outside, beside the machine's own ceiling; prints figures, asserts nothing.
//   KAFKA_BROKERS=127.0.0.1:9092 node -r @swc-node/register tools/bench/system-flow.bench.ts [--rates 20,50] [--seconds 8] [--port-base 17000]
// (also part of `npm run bench`). APP_RUNTIME=compiled runs the output of `npm run build`; BENCH_CPU_PROFILE_DIR=dir
// makes every app write a CPU profile there when it stops, from the start of the phase BENCH_PROFILE_FROM names
// (ingest, checkout or webhooks, the default) to the end of the run.
// Figures, all in one run on the same PostgreSQL and broker:
//   - PostgreSQL's commit ceiling: single-row autocommit INSERTs from 16 and 64 connections, commits/s;
//   - webhook-ingest storing signed events (stored, not published) from 16 and 64 concurrent senders: stored/s, p50, p99, beside the ceiling at that concurrency;
//   - POST /api/payments/checkout through the gateway, 16 concurrent buyers against the sandbox: requests/s, p50, p99;
//   - webhook -> entitlement-granted at each rate (the sandbox pays orders opened beforehand and sends
//     its signed webhook; the clock stops when entitlement-granted for the order is on Kafka): achieved
//     rate, p50, p99, and PostgreSQL commits per webhook across the whole system (pg_stat_database);
//   - each app's resident memory (VmRSS) after the load.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client, Pool } from 'pg';
import { SignJWT } from 'jose';
import Stripe from 'stripe';
import { Topics, decodeEnvelope } from '@payments/contracts';
import { databaseUrl } from '@payments/persistence';
import { DEV_SECRETS, SystemPorts, consumerLag, startSystem, systemEnvironment, uniqueName } from '@payments/testing';
import { realisticPayload } from './redaction.bench';

const ROOT = join(__dirname, '..', '..');
const BUYERS = 16;
const INGEST_CONCURRENCY = [16, 64] as const;
const { webhooks } = new Stripe(DEV_SECRETS.STRIPE_SECRET_KEY);

interface Opened { orderId: string; paymentIntent: string }

export interface SystemFlowOptions {
  readonly rates: readonly number[];
  readonly seconds: number;
  readonly portBase: number;
}

const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (value: number) => `${Math.round(value)} ms`;
const sleep = (delay: number) => new Promise((resolve) => setTimeout(resolve, delay));

const tokenFor = (userId: string) => new SignJWT({ roles: [] }).setProtectedHeader({ alg: 'HS256' }).setSubject(userId).setIssuedAt()
  .setExpirationTime('1h').sign(new TextEncoder().encode(DEV_SECRETS.JWT_SECRET));

/** Commits/s PostgreSQL sustains at `connections` concurrent single-row autocommit INSERTs, for `durationMs`. */
async function commitCeiling(url: string, connections: number, durationMs: number): Promise<number> {
  const pool = new Pool({ connectionString: url, max: connections });
  await pool.query('CREATE TABLE IF NOT EXISTS bench_commits (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())');
  let commits = 0;
  const deadline = Date.now() + durationMs;
  const started = Date.now();
  await Promise.all(Array.from({ length: connections }, async () => {
    while (Date.now() < deadline) {
      await pool.query('INSERT INTO bench_commits DEFAULT VALUES');
      commits += 1;
    }
  }));
  const elapsed = Date.now() - started;
  await pool.query('DROP TABLE bench_commits');
  await pool.end();
  return (commits * 1000) / elapsed;
}

/**
 * `concurrency` senders posting signed Stripe events (a 2 KiB invoice.paid, stored and not published)
 * to webhook-ingest, each with an id of its own, for `durationMs`: every answer must be 200.
 */
async function ingestLoad(webhookUrl: string, concurrency: number, durationMs: number) {
  const raw = realisticPayload(2 * 1024);
  const latencies: number[] = [];
  let refused = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() - started < durationMs) {
      const body = raw.replace('evt_1QAbCdEfGhIjKlMn', `evt_${randomBytes(8).toString('hex')}`);
      const signature = webhooks.generateTestHeaderString({ payload: body, secret: DEV_SECRETS.STRIPE_WEBHOOK_SECRET });
      const sentAt = performance.now();
      const response = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body });
      await response.text();
      latencies.push(performance.now() - sentAt);
      if (response.status !== 200) refused += 1;
    }
  }));
  return { latencies, refused, elapsedMs: performance.now() - started };
}

async function openCheckout(gateway: string, token: string): Promise<{ latencyMs: number; opened?: Opened }> {
  const started = performance.now();
  const response = await fetch(`${gateway}/api/payments/checkout`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ productId: 'course-typescript-101', currency: 'USD' }),
  });
  const body = (await response.json()) as { orderId?: string; payment?: { providerReference?: string } };
  const latencyMs = performance.now() - started;
  return response.status === 201 && body.orderId && body.payment?.providerReference
    ? { latencyMs, opened: { orderId: body.orderId, paymentIntent: body.payment.providerReference } }
    : { latencyMs };
}

/** `buyers` concurrent buyers (default BUYERS), each opening checkouts one after another until `until` says stop. */
async function checkoutLoad(gateway: string, tokens: readonly string[], until: (opened: number, elapsedMs: number) => boolean, buyers = BUYERS) {
  const latencies: number[] = [];
  const opened: Opened[] = [];
  let refused = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: buyers }, async (_, buyer) => {
    for (let i = 0; !until(opened.length, performance.now() - started); i += 1) {
      const answer = await openCheckout(gateway, tokens[(buyer + i * buyers) % tokens.length]);
      latencies.push(answer.latencyMs);
      if (answer.opened) opened.push(answer.opened);
      else refused += 1;
    }
  }));
  return { latencies, opened, refused, elapsedMs: performance.now() - started };
}

async function commitsSoFar(db: Client): Promise<number> {
  // Statistics reach pg_stat_database when a backend flushes them (at most once a second while busy).
  await sleep(1_500);
  const { rows } = await db.query<{ commits: string }>('SELECT xact_commit AS commits FROM pg_stat_database WHERE datname = current_database()');
  return Number(rows[0].commits);
}

async function quiet(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (let i = 0; i < 600 && (await consumerLag(admin)) > 0; i += 1) await sleep(100);
  } finally {
    await admin.disconnect();
  }
}

/** Pays `orders` at `rate` per second (open loop: one every 1/rate s, not waiting for the one before), timing each until its grant is on Kafka. */
async function webhookFlow(sandbox: string, kafka: Kafka, orders: readonly Opened[], rate: number) {
  const paidAt = new Map<string, number>();
  const latencies: number[] = [];
  const consumer = kafka.consumer({ groupId: uniqueName('bench_grants'), maxWaitTimeInMs: 50 });
  await consumer.connect();
  await consumer.subscribe({ topics: [Topics.entitlementGranted], fromBeginning: false });
  let assigned = false;
  consumer.on(consumer.events.GROUP_JOIN, () => { assigned = true; });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const { orderId } = decodeEnvelope(message.value).payload as { orderId: string };
      const at = paidAt.get(orderId);
      if (at !== undefined) {
        latencies.push(performance.now() - at);
        paidAt.delete(orderId);
      }
    },
  });
  while (!assigned) await sleep(50);
  await sleep(500);
  const started = performance.now();
  const payments: Promise<unknown>[] = [];
  for (let i = 0; i < orders.length; i += 1) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const { orderId, paymentIntent } = orders[i];
    paidAt.set(orderId, performance.now());
    payments.push(fetch(`${sandbox}/_sandbox/stripe/payment_intents/${paymentIntent}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
  }
  const sentMs = performance.now() - started;
  await Promise.all(payments);
  for (let i = 0; i < 1_200 && latencies.length < orders.length; i += 1) await sleep(50);
  const doneMs = performance.now() - started;
  await consumer.disconnect();
  return { latencies, sentMs, doneMs, missing: orders.length - latencies.length };
}

/** Tells the apps' CPU profilers (BENCH_CPU_PROFILE_DIR) to start, at the phase BENCH_PROFILE_FROM names. */
function startProfiles(phase: 'ingest' | 'checkout' | 'webhooks'): void {
  const dir = process.env.BENCH_CPU_PROFILE_DIR;
  if (dir && (process.env.BENCH_PROFILE_FROM ?? 'webhooks') === phase) writeFileSync(join(dir, 'start'), '');
}

function rssMiB(pid: number | undefined): string {
  if (pid === undefined) return '-';
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith('VmRSS:'));
    return line ? `${Math.round(Number(line.replace(/\D+/g, '')) / 1024)} MiB` : '-';
  } catch {
    return '-';
  }
}

export async function systemFlowBench(brokers: readonly string[], options: SystemFlowOptions): Promise<void> {
  const base = options.portBase;
  const ports: SystemPorts = { gateway: base, webhookIngest: base + 1, checkout: base + 2, orderLedger: base + 3, entitlements: base + 4, sandbox: base + 10 };
  const name = uniqueName('payments_bench');
  const admin = new Client({ connectionString: databaseUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(databaseUrl());
  url.pathname = `/${name}`;
  // Measured before the apps start, so that 64 connections fit under max_connections beside theirs.
  const ceilings = new Map<number, number>();
  for (const connections of INGEST_CONCURRENCY) ceilings.set(connections, await commitCeiling(url.toString(), connections, 3_000));
  const env = systemEnvironment(ports, {
    PATH: process.env.PATH, HOME: process.env.HOME, KAFKA_BROKERS: brokers.join(','), DATABASE_URL: url.toString(), LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '10000000', RATE_LIMIT_PER_IP_PER_MINUTE: '10000000', RECONCILIATION_SCHEDULE: 'off',
    // The consumers' batching (decision 23), as the figures in docs/performance.md were taken; CONSUMER_MAX_BATCH=1 for one message per transaction.
    CONSUMER_MAX_BATCH: process.env.CONSUMER_MAX_BATCH ?? '50',
    ...(process.env.APP_RUNTIME ? { APP_RUNTIME: process.env.APP_RUNTIME } : {}),
    // checkout's commands in flight at once (decision 24); 0 for one partition's commands after another.
    ...(process.env.CHECKOUT_COMMAND_CONCURRENCY ? { CHECKOUT_COMMAND_CONCURRENCY: process.env.CHECKOUT_COMMAND_CONCURRENCY } : {}),
    // Each app writes a V8 CPU profile of its whole run when it exits (read with tools/bench/cpu-profile-summary.ts).
    ...(process.env.BENCH_CPU_PROFILE_DIR
      ? { NODE_OPTIONS: `--require ${join(__dirname, 'cpu-profile.preload.cjs')}`, BENCH_CPU_PROFILE_DIR: process.env.BENCH_CPU_PROFILE_DIR } : {}),
  });
  const system = await startSystem({ env, ports, logDir: join(ROOT, 'tmp', 'bench-logs', name) });
  const db = new Client({ connectionString: url.toString() });
  await db.connect();
  const kafka = new Kafka({ clientId: 'bench-system-flow', brokers: [...brokers], logLevel: logLevel.NOTHING });
  const gateway = `http://127.0.0.1:${ports.gateway}`;
  const sandbox = `http://127.0.0.1:${ports.sandbox}`;
  try {
    console.log(`system flow: six apps (${process.env.APP_RUNTIME ?? 'source'}), database ${name}, Kafka ${brokers.join(',')}`);
    for (const [connections, commits] of ceilings) console.log(`postgres commit ceiling      c=${connections}  ${Math.round(commits)} commits/s`);
    const ceiling = ceilings.get(BUYERS) as number;

    await ingestLoad(`http://127.0.0.1:${ports.webhookIngest}/webhooks/stripe`, BUYERS, 1_000); // warm-up
    startProfiles('ingest');
    for (const concurrency of INGEST_CONCURRENCY) {
      const ingest = await ingestLoad(`http://127.0.0.1:${ports.webhookIngest}/webhooks/stripe`, concurrency, options.seconds * 1000);
      const stored = ((ingest.latencies.length - ingest.refused) * 1000) / ingest.elapsedMs;
      console.log(`webhook-ingest stores signed c=${concurrency}  ${ingest.latencies.length} events in ${(ingest.elapsedMs / 1000).toFixed(1)} s = ${stored.toFixed(1)} stored/s, `
        + `p50 ${ms(percentile(ingest.latencies, 50))}, p99 ${ms(percentile(ingest.latencies, 99))}, refused ${ingest.refused}; `
        + `${(stored / (ceilings.get(concurrency) as number)).toFixed(3)}x the commit ceiling at c=${concurrency}`);
    }

    const tokens = await Promise.all(Array.from({ length: 256 }, () => tokenFor(`bench-${randomUUID()}`)));
    await checkoutLoad(gateway, tokens, (opened) => opened >= BUYERS * 2); // warm-up: connections, JIT
    // One buyer alone: the latency of the path itself, with nothing queued.
    const alone = await checkoutLoad(gateway, tokens, (opened) => opened >= 30, 1);
    console.log(`checkout via gateway         c=1   ${alone.latencies.length} requests, p50 ${ms(percentile(alone.latencies, 50))}, p99 ${ms(percentile(alone.latencies, 99))}`);
    startProfiles('checkout');
    const measured = await checkoutLoad(gateway, tokens, (_opened, elapsed) => elapsed >= options.seconds * 1000);
    const rps = (measured.latencies.length * 1000) / measured.elapsedMs;
    console.log(`checkout via gateway         c=${BUYERS}  ${measured.latencies.length} requests in ${(measured.elapsedMs / 1000).toFixed(1)} s = ${rps.toFixed(1)} requests/s, `
      + `p50 ${ms(percentile(measured.latencies, 50))}, p99 ${ms(percentile(measured.latencies, 99))}, refused ${measured.refused}; `
      + `${(rps / ceiling).toFixed(3)}x the commit ceiling`);

    const needed = options.rates.reduce((total, rate) => total + rate * options.seconds, 0);
    const orders = [...measured.opened];
    if (orders.length < needed) orders.push(...(await checkoutLoad(gateway, tokens, (opened) => opened >= needed - orders.length)).opened);
    await quiet(kafka);

    startProfiles('webhooks');
    for (const rate of options.rates) {
      const batch = orders.splice(0, rate * options.seconds);
      const before = await commitsSoFar(db);
      const flow = await webhookFlow(sandbox, kafka, batch, rate);
      await quiet(kafka);
      const commits = (await commitsSoFar(db)) - before;
      const achieved = (flow.latencies.length * 1000) / flow.doneMs;
      console.log(`webhook -> entitlement-granted  rate=${rate}/s  ${batch.length} sent in ${(flow.sentMs / 1000).toFixed(1)} s, ${flow.latencies.length} granted `
        + `(${achieved.toFixed(1)}/s overall), p50 ${ms(percentile(flow.latencies, 50))}, p99 ${ms(percentile(flow.latencies, 99))}, missing ${flow.missing}; `
        + `${(commits / batch.length).toFixed(1)} commits per webhook (whole system)`);
    }
    console.log(`resident memory after load    ${system.instances().map((instance) => `${instance.app} ${rssMiB(instance.process.pid)}`).join(', ')}`);
  } finally {
    await db.end();
    await system.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

function optionsFrom(args: readonly string[]): SystemFlowOptions {
  const value = (flag: string) => {
    const index = args.indexOf(flag);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const rates = (value('--rates') ?? '20,50').split(',').map(Number);
  const seconds = Number(value('--seconds') ?? 8);
  const portBase = Number(value('--port-base') ?? 17000);
  if (rates.some((rate) => !Number.isInteger(rate) || rate < 1) || !Number.isInteger(seconds) || seconds < 1 || !Number.isInteger(portBase)) {
    throw new Error('usage: system-flow.bench.ts [--rates 20,50] [--seconds 8] [--port-base 17000]');
  }
  return { rates, seconds, portBase };
}

if (require.main === module) {
  const brokers = process.env.KAFKA_BROKERS?.split(',');
  if (!brokers) {
    console.error('KAFKA_BROKERS is required (npm run bench starts a broker of its own)');
    process.exit(2);
  }
  systemFlowBench(brokers, optionsFrom(process.argv.slice(2))).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
