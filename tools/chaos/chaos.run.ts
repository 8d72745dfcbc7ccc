import { join, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { RunningSystem, SystemPorts, startSystem, systemEnvironment, testDatabase, uniqueName } from '@payments/testing';
import { ChaosBroker } from './chaos-broker';
import { inspectSystem } from './chaos-checks';
import { injectFaults, killTargets } from './chaos-faults';
import { callJson } from './chaos-http';
import { runLoad } from './chaos-load';
import { ChaosOptions, defaultChaosOptions } from './chaos-options';
import { planFaults, planOrders, planSubscriptions } from './chaos-plan';
import { waitUntilSettled } from './chaos-settle';
import { inspectSubscriptions } from './chaos-subscription-checks';
import { SubscriptionOutcome, runSubscriptions } from './chaos-subscription-load';
import { ChaosSummary, summarize } from './chaos-summary';

const ROOT = resolve(__dirname, '..', '..');

/** The sandbox's fault rates during the run: 10% duplicated (copies at once), 10% reordered, 5% first attempt lost. */
const WEBHOOK_FAULTS = { duplicateRate: 0.1, concurrentDuplicates: true, reorderRate: 0.1, reorderHoldMs: 3_000, dropFirstAttemptRate: 0.05 };

/** How long a plan's access outlives its paid period in the run (the entitlements' default); the checks expect exactly this. */
const GRACE_MS = 3 * 86_400_000;

export const chaosPorts = (base: number): SystemPorts => ({
  gateway: base, webhookIngest: base + 1, checkout: base + 2, orderLedger: base + 3, entitlements: base + 4, sandbox: base + 10,
});

const gatewayUrlOf = (ports: SystemPorts) => `http://127.0.0.1:${ports.gateway}`;

/** The apps' settings for the run: its database and broker, and webhook retries long enough to outlast a restart of webhook-ingest. */
function chaosEnvironment(ports: SystemPorts, databaseUrl: string, brokers: string, options: ChaosOptions): NodeJS.ProcessEnv {
  return systemEnvironment(ports, {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: brokers,
    LOG_LEVEL: options.logLevel,
    SANDBOX_WEBHOOK_MAX_ATTEMPTS: '20',
    SANDBOX_WEBHOOK_RETRY_BASE_MS: '500',
    SANDBOX_WEBHOOK_RETRY_MAX_MS: '5000',
    RATE_LIMIT_PER_MINUTE: '100000',
    RATE_LIMIT_PER_IP_PER_MINUTE: '100000',
    ENTITLEMENTS_GRACE_PERIOD_MS: String(GRACE_MS),
  });
}

/** Undoes what a run set up, last first; a failing step does not stop the others. */
class Teardown {
  private readonly steps: [string, () => Promise<unknown>][] = [];

  add(what: string, step: () => Promise<unknown>): void {
    this.steps.unshift([what, step]);
  }

  async run(log: (line: string) => void): Promise<void> {
    for (const [what, step] of this.steps) await step().catch((error: unknown) => log(`could not ${what}: ${(error as Error).message}`));
  }
}

/** What a run has started, for the load and the checks. */
interface ChaosSetup {
  readonly broker: ChaosBroker;
  readonly databaseUrl: string;
  readonly system: RunningSystem;
  readonly ports: SystemPorts;
  readonly sandboxUrl: string;
}

async function setUp(options: ChaosOptions, runId: string, teardown: Teardown, log: (line: string) => void): Promise<ChaosSetup> {
  const broker = new ChaosBroker(options.kafkaPort);
  const stopBrokerOnExit = () => broker.stopNow();
  process.once('exit', stopBrokerOnExit);
  teardown.add('stop the broker', async () => {
    process.removeListener('exit', stopBrokerOnExit);
    await broker.close();
  });
  await broker.start();
  options.signal?.throwIfAborted();
  const database = await testDatabase('payments_chaos');
  if (!options.keepDatabase) teardown.add('drop the database', () => database.drop());
  options.signal?.throwIfAborted();
  const ports = chaosPorts(options.portBase);
  const logDir = join(ROOT, 'tmp', 'chaos-logs', runId);
  log(`starting the system (logs in ${logDir})`);
  const env = chaosEnvironment(ports, database.url, broker.address, options);
  const system = await startSystem({ env, ports, logDir, replicas: { checkout: 2, 'order-ledger': 2 }, signal: options.signal });
  teardown.add('stop the system', () => system.stop());
  const sandboxUrl = `http://127.0.0.1:${ports.sandbox}`;
  await callJson(`${sandboxUrl}/_sandbox/faults`, { body: { faults: { ...WEBHOOK_FAULTS, seed: options.seed } } });
  return { broker, databaseUrl: database.url, system, ports, sandboxUrl };
}

/** Waits for the system to settle, then reads what it holds. */
async function settleAndInspect(
  setup: ChaosSetup, runId: string, options: ChaosOptions, subscriptions: readonly SubscriptionOutcome[], teardown: Teardown, log: (line: string) => void,
) {
  const db = new Client({ connectionString: setup.databaseUrl });
  await db.connect();
  teardown.add('close the database connection', () => db.end());
  const admin = new Kafka({ clientId: `${runId}-admin`, brokers: [setup.broker.address], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  teardown.add('close the Kafka admin', () => admin.disconnect());
  const probe = { admin, db, sandboxUrl: setup.sandboxUrl, ignoreGroup: (groupId: string) => groupId.startsWith(runId) };
  const settle = await waitUntilSettled(probe, Date.now() + options.settleTimeoutSeconds * 1000);
  log(settle.settledAt ? 'settled; checking' : `not settled after ${options.settleTimeoutSeconds} s; checking anyway`);
  const findings = await inspectSystem({ db, brokers: [setup.broker.address], sandboxUrl: setup.sandboxUrl, readerGroup: `${runId}-grants` });
  const kafka = new Kafka({ clientId: `${runId}-subscriptions`, brokers: [setup.broker.address], logLevel: logLevel.NOTHING });
  const subscriptionFacts = await inspectSubscriptions({
    db, kafka, sandboxUrl: setup.sandboxUrl, gatewayUrl: gatewayUrlOf(setup.ports), readerGroup: `${runId}-subscriptions`, outcomes: subscriptions,
  });
  return { settle, findings, subscriptionFacts };
}

/** Rejects once `signal` aborts, so a run stops waiting for its load or for the system to settle, and tears down. */
function interruption(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new Error('the chaos run was interrupted')), { once: true }));
}

/**
 * One chaos run: its own broker, a throw-away database, the whole system with two replicas of
 * checkout and order-ledger, the orders and the subscribers with webhook faults, SIGKILLs and broker
 * restarts; then it waits for the system to settle and checks it from outside. Everything it started
 * is stopped before it resolves, or rejects when `signal` aborts it.
 */
export async function runChaos(overrides: Partial<ChaosOptions> = {}): Promise<ChaosSummary> {
  const options: ChaosOptions = { ...defaultChaosOptions(), ...overrides };
  const startedAt = Date.now();
  const log = (line: string) => options.log(`[${((Date.now() - startedAt) / 1000).toFixed(1).padStart(6)} s] ${line}`);
  const runId = uniqueName('chaos');
  const teardown = new Teardown();
  const interrupted = interruption(options.signal);
  interrupted.catch(() => undefined);
  const step = <T>(work: Promise<T>) => Promise.race([work, interrupted]);
  try {
    const subscribers = `${options.stripeSubscriptions} Stripe and ${options.cashfreeSubscriptions} Cashfree subscribers`;
    log(`chaos ${runId}: seed ${options.seed}, ${options.orders} orders and ${subscribers} over ${options.durationSeconds} s, ${options.kills} kills per process`);
    const setup = await setUp(options, runId, teardown, log);
    const orders = planOrders({ ...options, runId });
    const subscriptions = planSubscriptions({ ...options, runId });
    const faults = planFaults(killTargets(setup.system), options);
    log(`load: ${orders.length} orders, ${subscriptions.length} subscribers, ${faults.length} faults`);
    const loadStartedAt = Date.now();
    const target = { gatewayUrl: gatewayUrlOf(setup.ports), sandboxUrl: setup.sandboxUrl, checkoutPatienceMs: 180_000 };
    const [outcomes, subscriptionOutcomes, injected] = await step(Promise.all([
      runLoad(target, orders, runId, loadStartedAt),
      runSubscriptions(target, subscriptions, runId, loadStartedAt),
      injectFaults(faults, setup.system, setup.broker, loadStartedAt, log),
    ]));
    const loadEndedAt = Date.now();
    log(`load done in ${((loadEndedAt - loadStartedAt) / 1000).toFixed(1)} s; waiting for the system to settle`);
    const { settle, findings, subscriptionFacts } = await step(settleAndInspect(setup, runId, options, subscriptionOutcomes, teardown, log));
    return summarize({
      seed: options.seed, outcomes, subscriptionOutcomes, subscriptionFacts, graceMs: GRACE_MS, faults: injected, findings, settle, loadStartedAt, loadEndedAt,
    });
  } finally {
    await teardown.run(log);
  }
}
