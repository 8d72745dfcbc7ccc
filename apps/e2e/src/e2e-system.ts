import { join } from 'node:path';
import { Client } from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { SignJWT } from 'jose';
import { Envelope, decodeEnvelope } from '@payments/contracts';
import { DEV_SECRETS, RunningSystem, SystemPorts, kafkaBrokers, startSystem, systemEnvironment, uniqueName } from '@payments/testing';
import { databaseUrl } from '@payments/persistence';

/** Ports away from the development defaults (E2E_PORT_BASE, default 13000), so a running local system does not collide. */
const base = Number(process.env.E2E_PORT_BASE ?? 13000);
export const E2E_PORTS: SystemPorts = {
  gateway: base, webhookIngest: base + 1, checkout: base + 2, orderLedger: base + 3, entitlements: base + 4, sandbox: base + 10,
};

export interface E2eSystem {
  system: RunningSystem;
  databaseUrl: string;
  db: Client;
  stop(): Promise<void>;
}

/** A fresh database for this run, and the six apps started against it and the test broker. */
export async function startE2eSystem(overrides: NodeJS.ProcessEnv = {}): Promise<E2eSystem> {
  const name = uniqueName('payments_e2e');
  const admin = new Client({ connectionString: databaseUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(databaseUrl());
  url.pathname = `/${name}`;
  const env = systemEnvironment(E2E_PORTS, { PATH: process.env.PATH, HOME: process.env.HOME, KAFKA_BROKERS: kafkaBrokers().join(','), DATABASE_URL: url.toString(), LOG_LEVEL: 'info', ...overrides });
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
  const consumer = kafka.consumer({ groupId: uniqueName('e2e_recorder') });
  const seen: { topic: string; envelope: Envelope }[] = [];
  const nextOffset = new Map<string, bigint>();
  const admin = kafka.admin();
  await admin.connect();
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      seen.push({ topic, envelope: decodeEnvelope(message.value) });
      nextOffset.set(`${topic}/${partition}`, BigInt(message.offset) + 1n);
    },
  });
  /** True once the recorder has read everything published so far on its topics. */
  const caughtUp = async () => {
    for (const topic of topics) {
      for (const { partition, high } of await admin.fetchTopicOffsets(topic)) {
        if ((nextOffset.get(`${topic}/${partition}`) ?? 0n) < BigInt(high)) return false;
      }
    }
    return true;
  };
  return {
    on: (topic: string) => seen.filter((entry) => entry.topic === topic).map((entry) => entry.envelope),
    caughtUp,
    stop: async () => {
      await consumer.disconnect();
      await admin.disconnect();
    },
  };
}
