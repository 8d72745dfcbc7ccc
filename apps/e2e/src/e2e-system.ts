import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { SignJWT } from 'jose';
import { Envelope, Topics, decodeEnvelope } from '@payments/contracts';
import { DEV_SECRETS, RunningSystem, SystemPorts, consumerLag, consumerLagByTopic, eventually, kafkaBrokers, startSystem, systemEnvironment, uniqueName } from '@payments/testing';
import { databaseUrl } from '@payments/persistence';
import { fetchTopicOffsets } from '@payments/messaging';

/** Ports away from the development defaults (E2E_PORT_BASE, default 13000), so a running local system does not collide. */
const base = Number(process.env.E2E_PORT_BASE ?? 13000);
export const E2E_PORTS: SystemPorts = {
  gateway: base, webhookIngest: base + 1, checkout: base + 2, orderLedger: base + 3, entitlements: base + 4, sandbox: base + 10,
};

/** Where the e2e system's gateway and provider sandbox answer. */
export const E2E_URLS = {
  gateway: `http://127.0.0.1:${E2E_PORTS.gateway}`,
  sandbox: `http://127.0.0.1:${E2E_PORTS.sandbox}`,
} as const;

export interface E2eSystem {
  system: RunningSystem;
  databaseUrl: string;
  db: Client;
  stop(): Promise<void>;
}

export interface E2eSystemOptions {
  /** Runs once the database exists, before any app starts (a deployment's migrations and topic jobs), with the apps' environment. */
  beforeApps?: (env: NodeJS.ProcessEnv) => Promise<void>;
}

/** The services' consumer groups (their default ids) and every topic each subscribes to. */
const SERVICE_SUBSCRIPTIONS: Readonly<Record<string, readonly string[]>> = {
  'order-ledger': [Topics.checkoutEvents, Topics.providerEvents, Topics.ordersCommands, Topics.settlementReports],
  entitlements: [Topics.ordersEvents],
  'entitlements-subscriptions': [Topics.subscriptionsEvents],
  gateway: [Topics.ordersEvents, Topics.subscriptionsEvents, Topics.entitlementGranted, Topics.entitlementChanged, Topics.entitlementRevoked],
  checkout: [Topics.checkoutCommands],
};

/**
 * Starts the services' consumer groups that have never read any of their topics at the end of
 * them, before a system starts. The broker is shared: without this, the first system after the integration tests
 * replays their history into its fresh database (orders paid today that its sandbox never saw,
 * deliberately broken messages). Groups that have read a topic carry on where they were (setting
 * offsets joins the group, seconds per topic). Retried while the group still counts a member of a
 * system stopped before (until its session times out).
 */
async function skipHistoryNeverRead(): Promise<void> {
  const kafka = new Kafka({ clientId: 'e2e-offsets', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    for (const [groupId, topics] of Object.entries(SERVICE_SUBSCRIPTIONS)) {
      const present = topics.filter((name) => existing.has(name));
      const committed = present.length > 0 ? await admin.fetchOffsets({ groupId, topics: present }) : [];
      // Only a group that has read none of its topics (the first system on this broker); one that has read some carries on.
      if (committed.some(({ partitions }) => partitions.some(({ offset }) => BigInt(offset) >= 0n))) continue;
      for (const topic of present) {
        const ends = await fetchTopicOffsets(admin, topic);
        await eventually(async () => {
          await admin.setOffsets({ groupId, topic, partitions: ends.map(({ partition, high }) => ({ partition, offset: high })) });
          return true;
        }, 30_000, `${groupId} at the end of ${topic}`);
      }
    }
  } finally {
    await admin.disconnect();
  }
}

/** A fresh database for this run, and the six apps started against it and the test broker. */
export async function startE2eSystem(overrides: NodeJS.ProcessEnv = {}, options: E2eSystemOptions = {}): Promise<E2eSystem> {
  const name = uniqueName('payments_e2e');
  const admin = new Client({ connectionString: databaseUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(databaseUrl());
  url.pathname = `/${name}`;
  // CONSUMER_MAX_BATCH from the test run's environment reaches the apps (to run the suites with batching on, decision 23).
  const env = systemEnvironment(E2E_PORTS, { PATH: process.env.PATH, HOME: process.env.HOME, KAFKA_BROKERS: kafkaBrokers().join(','), DATABASE_URL: url.toString(), LOG_LEVEL: 'info', ...(process.env.CONSUMER_MAX_BATCH ? { CONSUMER_MAX_BATCH: process.env.CONSUMER_MAX_BATCH } : {}), ...overrides });
  await skipHistoryNeverRead();
  await options.beforeApps?.(env);
  const system = await startSystem({ env, ports: E2E_PORTS, logDir: join(__dirname, '..', '..', '..', 'tmp', 'e2e-logs', name) });
  const db = new Client({ connectionString: url.toString() });
  await db.connect();
  return {
    system,
    databaseUrl: url.toString(),
    db,
    async stop() {
      await db.end();
      await system.stop();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export function bearerFor(userId: string, roles: string[] = []): Promise<string> {
  return new SignJWT({ roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(DEV_SECRETS.JWT_SECRET));
}

/** Collects every message on `topics` from the beginning, for assertions on what was published. */
export async function topicRecorder(topics: string[]) {
  const kafka = new Kafka({ clientId: 'e2e-recorder', brokers: kafkaBrokers(), logLevel: logLevel.ERROR });
  const consumer = kafka.consumer({ groupId: uniqueName('e2e_recorder'), maxWaitTimeInMs: 250 });
  const seen: { topic: string; envelope: Envelope }[] = [];
  const nextOffset = new Map<string, bigint>();
  const admin = kafka.admin();
  await admin.connect();
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      // Other tests publish deliberately broken messages on the shared topics: not envelopes, not recorded.
      try {
        seen.push({ topic, envelope: decodeEnvelope(message.value) });
      } catch {
        // skipped
      }
      nextOffset.set(`${topic}/${partition}`, BigInt(message.offset) + 1n);
    },
  });
  /** True once the recorder has read everything published so far on its topics. */
  const caughtUp = async () => {
    for (const topic of topics) {
      for (const { partition, high } of await fetchTopicOffsets(admin, topic)) {
        if ((nextOffset.get(`${topic}/${partition}`) ?? 0n) < BigInt(high)) return false;
      }
    }
    return true;
  };
  return {
    on: (topic: string) => seen.filter((entry) => entry.topic === topic).map((entry) => entry.envelope),
    caughtUp,
    /** Messages the services' consumer groups have not committed yet (0: all caught up). */
    servicesLag: () => consumerLag(admin),
    /** The same per `group/topic`, where a group is behind. */
    servicesLagByTopic: () => consumerLagByTopic(admin),
    stop: async () => {
      await consumer.disconnect();
      await admin.disconnect();
    },
  };
}

export type TopicRecorder = Awaited<ReturnType<typeof topicRecorder>>;


/** A control call to the sandbox (the buyer pays, the bank disputes, the provider pays a day out); its signed webhooks follow. */
export async function sandboxControl<T>(path: string, body: unknown = {}): Promise<T> {
  const response = await fetch(`${E2E_URLS.sandbox}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status !== 200) throw new Error(`the sandbox answered ${response.status} to ${path}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** POST /api/payments/checkout as the frontend sends it, with a fresh Idempotency-Key. */
export async function openCheckout<T>(token: string, body: Record<string, unknown>): Promise<{ status: number; body: T }> {
  const response = await fetch(`${E2E_URLS.gateway}/api/payments/checkout`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** GET /api/orders/:id as the order's owner; undefined unless 200. */
export async function orderView<T>(token: string, orderId: string): Promise<T | undefined> {
  const response = await fetch(`${E2E_URLS.gateway}/api/orders/${orderId}`, { headers: { authorization: `Bearer ${token}` } });
  return response.status === 200 ? ((await response.json()) as T) : undefined;
}

/** Messages about one order that the recorder saw on `topic`, in order. */
export function messagesAbout(recorder: TopicRecorder, topic: string, orderId: string): Envelope[] {
  return recorder.on(topic).filter((message) => (message.payload as { orderId?: string }).orderId === orderId);
}

const SERVICE_SCHEMAS = ['gateway', 'checkout', 'webhook_ingest', 'order_ledger', 'entitlements'];
const CONSUMING_SCHEMAS = ['gateway', 'checkout', 'order_ledger', 'entitlements'];

/**
 * Waits until every service's outbox is published, every service's consumer group has caught up
 * with its topics, nothing is parked for a retry, and the recorder has read all of it: from then on
 * nothing more can follow, so counting messages is a real "exactly this many".
 */
export async function waitUntilSettled(e2e: E2eSystem, recorder: TopicRecorder, extra?: () => Promise<boolean>): Promise<void> {
  const unpublished = SERVICE_SCHEMAS.map((schema) => `(SELECT count(*) FROM ${schema}.outbox WHERE published_at IS NULL)`).join(' + ');
  const parked = CONSUMING_SCHEMAS.map((schema) => `(SELECT count(*) FROM ${schema}.parked_messages)`).join(' + ');
  // What was still unsettled at the last look, so a timeout says which part never settled.
  let last = 'nothing read yet';
  await eventually(async () => {
    const { rows } = await e2e.db.query(`SELECT ${unpublished} AS pending, ${parked} AS parked`);
    const [pending, parkedRows] = [Number(rows[0].pending), Number(rows[0].parked)];
    const behind = pending === 0 && parkedRows === 0 ? await recorder.servicesLagByTopic() : {};
    last = `outbox rows unpublished ${pending}, parked messages ${parkedRows}, groups behind ${JSON.stringify(behind)}`;
    if (pending !== 0 || parkedRows !== 0 || Object.keys(behind).length > 0) return undefined;
    last = 'the test\'s own condition';
    return !extra || (await extra()) ? true : undefined;
  }, 60_000, 'all outboxes drained and every consumer group caught up').catch((error: unknown) => {
    throw new Error(`${(error as Error).message}; last seen: ${last}`);
  });
  await eventually(async () => ((await recorder.caughtUp()) ? true : undefined), 30_000, 'the recorder to read every published message');
}
