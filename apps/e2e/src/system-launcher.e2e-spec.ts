import { join } from 'node:path';
import { Topics } from '@payments/contracts';
import {
  KafkaTestClient, RunningSystem, SystemPorts, TestDatabase, eventually, kafkaBrokers, kafkaTestClient, startSystem, systemEnvironment, testDatabase, uniqueName,
} from '@payments/testing';

/** Ports of their own (E2E_PORT_BASE + 40...), away from the other end-to-end suites'. */
const base = Number(process.env.E2E_PORT_BASE ?? 13000) + 40;
const PORTS: SystemPorts = { gateway: base, webhookIngest: base + 1, checkout: base + 2, orderLedger: base + 3, entitlements: base + 4, sandbox: base + 10 };
const REPLICA_PORT = base + 2 + 100;

const answers = async (port: number) => {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health/ready`)).ok;
  } catch {
    return false;
  }
};

describe('the system launcher runs replicas, kills them without a clean shutdown, and leaves nothing behind', () => {
  let database: TestDatabase;
  let kafka: KafkaTestClient;
  let system: RunningSystem;
  const group = uniqueName('checkout_replicas');

  beforeAll(async () => {
    database = await testDatabase('payments_launcher');
    kafka = await kafkaTestClient();
    const env = systemEnvironment(PORTS, {
      PATH: process.env.PATH, HOME: process.env.HOME, KAFKA_BROKERS: kafkaBrokers().join(','), DATABASE_URL: database.url, LOG_LEVEL: 'warn', CHECKOUT_CONSUMER_GROUP: group,
    });
    system = await startSystem({ env, ports: PORTS, logDir: join(__dirname, '..', '..', '..', 'tmp', 'e2e-logs', database.name), replicas: { checkout: 2 } });
  });

  afterAll(async () => {
    await system?.stop();
    await kafka?.close();
    await database?.drop();
  });

  it('starts a second checkout on its own port and log, in the same consumer group as the first', async () => {
    expect(system.instances('checkout').map(({ replica, port, logFile }) => ({ replica, port, log: logFile.split('/').pop() }))).toEqual([
      { replica: 1, port: PORTS.checkout, log: 'checkout.log' },
      { replica: 2, port: REPLICA_PORT, log: 'checkout-2.log' },
    ]);
    expect(await answers(PORTS.checkout)).toBe(true);
    expect(await answers(REPLICA_PORT)).toBe(true);
    const members = await eventually(async () => {
      const assigned = await kafka.assignments(group, Topics.checkoutCommands);
      return assigned.length === 2 ? assigned : undefined;
    }, 60_000, 'both replicas in the group');
    expect(members.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('SIGKILLs one replica, leaving the other up, and starts it again', async () => {
    const [, second] = system.instances('checkout');
    await system.killApp('checkout', { replica: 2 });
    expect(second.process.signalCode).toBe('SIGKILL');
    expect(await answers(REPLICA_PORT)).toBe(false);
    expect(await answers(PORTS.checkout)).toBe(true);

    await system.startApp('checkout', { replica: 2 });
    const [, restarted] = system.instances('checkout');
    expect(restarted.process.pid).not.toBe(second.process.pid);
    expect(await answers(REPLICA_PORT)).toBe(true);
  });

  it('stops and starts every replica of an app when none is named', async () => {
    await system.stopApp('checkout');
    expect(system.instances('checkout').map(({ process }) => process.exitCode !== null || process.signalCode !== null)).toEqual([true, true]);
    await system.startApp('checkout');
    expect(await answers(PORTS.checkout)).toBe(true);
    expect(await answers(REPLICA_PORT)).toBe(true);
  });

  it('leaves no process running once stopped', async () => {
    const processes = system.instances().map((instance) => instance.process);
    expect(processes).toHaveLength(7);
    await system.stop();
    expect(processes.filter((child) => child.exitCode === null && child.signalCode === null)).toEqual([]);
    for (const child of processes) expect(() => process.kill(child.pid as number, 0)).toThrow();
  });
});
