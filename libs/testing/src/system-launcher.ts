import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { AppRuntime, appRuntimeFrom, hasExited, signalChild, spawnAppProcess, stopChild, waitUntilReady } from './app-process';

export { appRuntimeFrom, stopChild, waitUntilReady } from './app-process';
export type { AppRuntime } from './app-process';

export const APPS = ['provider-sandbox', 'webhook-ingest', 'order-ledger', 'entitlements', 'checkout', 'gateway'] as const;
export type AppName = (typeof APPS)[number];

export interface SystemPorts {
  gateway: number;
  webhookIngest: number;
  checkout: number;
  orderLedger: number;
  entitlements: number;
  sandbox: number;
}

export const DEFAULT_PORTS: SystemPorts = { gateway: 3000, webhookIngest: 3001, checkout: 3002, orderLedger: 3003, entitlements: 3004, sandbox: 4010 };

/** Where each app reads its HTTP port from, and where it answers when ready. */
const APP_HTTP: Readonly<Record<AppName, { port: keyof SystemPorts; env: string; readyPath: string }>> = {
  'provider-sandbox': { port: 'sandbox', env: 'SANDBOX_PORT', readyPath: '/health' },
  'webhook-ingest': { port: 'webhookIngest', env: 'WEBHOOK_INGEST_PORT', readyPath: '/health/ready' },
  'order-ledger': { port: 'orderLedger', env: 'ORDER_LEDGER_PORT', readyPath: '/health/ready' },
  entitlements: { port: 'entitlements', env: 'ENTITLEMENTS_PORT', readyPath: '/health/ready' },
  checkout: { port: 'checkout', env: 'CHECKOUT_PORT', readyPath: '/health/ready' },
  gateway: { port: 'gateway', env: 'GATEWAY_PORT', readyPath: '/health/ready' },
};

/** Development and test secrets: the sandbox accepts exactly these; never real keys. */
export const DEV_SECRETS = {
  STRIPE_SECRET_KEY: 'sk_test_sandbox_0123456789',
  STRIPE_WEBHOOK_SECRET: 'whsec_sandbox_0123456789abcdef',
  CASHFREE_APP_ID: 'cf_test_app_sandbox',
  CASHFREE_SECRET_KEY: 'cfsk_test_sandbox_0123456789',
  JWT_SECRET: 'dev-only-jwt-secret-change-me-0123456789abcdef',
  INTERNAL_API_TOKEN: 'dev-only-internal-api-token-0123456789abcdef',
} as const;

/** The ports named in `env` (GATEWAY_PORT, CHECKOUT_PORT, ...), the defaults for the others. */
export function portsFromEnvironment(env: NodeJS.ProcessEnv, defaults: SystemPorts = DEFAULT_PORTS): SystemPorts {
  const ports = { ...defaults };
  for (const { port, env: name } of Object.values(APP_HTTP)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    if (!/^\d+$/.test(raw) || Number(raw) > 65535) throw new Error(`${name} must be a port number, got "${raw}"`);
    ports[port] = Number(raw);
  }
  return ports;
}

/** The environment every app of one running system shares (ports, brokers, database, secrets). */
export function systemEnvironment(ports: SystemPorts, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const portVariables = Object.fromEntries(Object.values(APP_HTTP).map(({ port, env }) => [env, String(ports[port])]));
  return {
    ...DEV_SECRETS,
    ...base,
    ...portVariables,
    STRIPE_API_URL: `http://127.0.0.1:${ports.sandbox}`,
    SANDBOX_STRIPE_WEBHOOK_URL: `http://127.0.0.1:${ports.webhookIngest}/webhooks/stripe`,
    CASHFREE_API_URL: `http://127.0.0.1:${ports.sandbox}/cashfree/pg`,
    SANDBOX_CASHFREE_WEBHOOK_URL: `http://127.0.0.1:${ports.webhookIngest}/webhooks/cashfree`,
    // The sandbox's stand-in for Cashfree's mandate authorization page (real Cashfree returns only a session id).
    CASHFREE_SUBSCRIPTION_CHECKOUT_URL: base.CASHFREE_SUBSCRIPTION_CHECKOUT_URL ?? `http://127.0.0.1:${ports.sandbox}/pay/cashfree/subscriptions/{subscription_session_id}`,
    CHECKOUT_SEED_CATALOG: base.CHECKOUT_SEED_CATALOG ?? 'true',
    CHECKOUT_ORDER_ID_SECRET: base.CHECKOUT_ORDER_ID_SECRET ?? 'dev-only-order-id-secret-change-me-0123456789',
  };
}

export function readinessUrl(app: AppName, ports: SystemPorts): string {
  return `http://127.0.0.1:${ports[APP_HTTP[app].port]}${APP_HTTP[app].readyPath}`;
}

/** Replica `replica` (from 1) of `app`: replica 1 listens on the app's port, replica n on that port + 100 * (n - 1). */
export function defaultReplicaPort(app: AppName, replica: number, ports: SystemPorts): number {
  return ports[APP_HTTP[app].port] + 100 * (replica - 1);
}

/** Which replicas an operation acts on: one (numbered from 1), or every replica of the app when none is named. */
export interface ReplicaChoice {
  replica?: number;
}

export interface KillOptions extends ReplicaChoice {
  /** Default SIGKILL: the process gets no chance to shut down cleanly. */
  signal?: NodeJS.Signals;
}

/** One process of one app. */
export interface AppInstance {
  readonly app: AppName;
  readonly replica: number;
  readonly port: number;
  readonly logFile: string;
  /** The current process; it may have exited (stopped or killed). */
  readonly process: ChildProcess;
}

export interface RunningSystem {
  /** The first replica's current process of each app. */
  readonly processes: ReadonlyMap<AppName, ChildProcess>;
  /** Every replica of `app`, or of every app. */
  instances(app?: AppName): AppInstance[];
  /** Stops an app (SIGTERM, as an orchestrator would; SIGKILL after 10 s), leaving the others running. */
  stopApp(app: AppName, choice?: ReplicaChoice): Promise<void>;
  /** Sends a signal (SIGKILL unless told) and resolves once the process is gone, without waiting for a clean shutdown. */
  killApp(app: AppName, options?: KillOptions): Promise<void>;
  /** Starts stopped or killed replicas again (appending to their logs) and waits until they are ready. */
  startApp(app: AppName, choice?: ReplicaChoice): Promise<void>;
  /** Stops every process it started; none is left behind. */
  stop(): Promise<void>;
}

export interface StartSystemOptions {
  env: NodeJS.ProcessEnv;
  ports: SystemPorts;
  logDir: string;
  timeoutMs?: number;
  /**
   * Processes per app, default 1: e.g. `{ checkout: 2, 'order-ledger': 2 }`. Replicas share the
   * environment, so they join the same consumer groups; each gets its own HTTP port and log file.
   */
  replicas?: Partial<Record<AppName, number>>;
  /** The HTTP port of a replica; default `defaultReplicaPort`. */
  replicaPort?: (app: AppName, replica: number, ports: SystemPorts) => number;
  /** Aborting while the apps start stops what was started, and `startSystem` rejects. */
  signal?: AbortSignal;
  /** Source (transpiled at start) or the compiled output of `npm run build`; default APP_RUNTIME of `env`, else source. */
  runtime?: AppRuntime;
}

function replicaCount(app: AppName, replicas: StartSystemOptions['replicas']): number {
  const count = replicas?.[app] ?? 1;
  if (!Number.isInteger(count) || count < 1) throw new Error(`replicas of ${app} must be a whole number from 1, got ${count}`);
  if (app === 'provider-sandbox' && count > 1) throw new Error('provider-sandbox keeps its state in memory: it runs as one process');
  return count;
}

/** A replica's place in the system, with its current process once started. */
interface Slot extends Omit<AppInstance, 'process'> {
  process?: ChildProcess;
}

/**
 * Starts the six apps as separate Node processes (more than one for apps given `replicas`), each
 * logging to `<logDir>/<app>.log` (replica n: `<app>-<n>.log`), and waits until each is ready.
 */
export async function startSystem(options: StartSystemOptions): Promise<RunningSystem> {
  const portOf = options.replicaPort ?? defaultReplicaPort;
  const runtime = options.runtime ?? appRuntimeFrom(options.env);
  const slots: Slot[] = APPS.flatMap((app) =>
    Array.from({ length: replicaCount(app, options.replicas) }, (_, index) => {
      const replica = index + 1;
      return { app, replica, port: portOf(app, replica, options.ports), logFile: join(options.logDir, replica === 1 ? `${app}.log` : `${app}-${replica}.log`) };
    }),
  );
  const processes = new Map<AppName, ChildProcess>();
  const chosen = (app: AppName, choice: ReplicaChoice = {}) => {
    const found = slots.filter((slot) => slot.app === app && (choice.replica === undefined || slot.replica === choice.replica));
    if (found.length === 0) throw new Error(`${app} has no replica ${choice.replica}`);
    return found;
  };
  const running = (slot: Slot) => slot.process !== undefined && !hasExited(slot.process);
  let stopping = false;
  const launch = async (slot: Slot) => {
    if (stopping) throw new Error(`the system is stopping: ${slot.app} is not started again`);
    const child = spawnAppProcess(slot.app, { ...options.env, [APP_HTTP[slot.app].env]: String(slot.port) }, slot.logFile, runtime);
    slot.process = child;
    if (slot.replica === 1) processes.set(slot.app, child);
    await waitUntilReady(slot.app, `http://127.0.0.1:${slot.port}${APP_HTTP[slot.app].readyPath}`, child, options.timeoutMs ?? 90_000, options.signal);
  };
  const killLeftovers = () => {
    for (const slot of slots) if (slot.process && !hasExited(slot.process)) slot.process.kill('SIGKILL');
  };
  process.once('exit', killLeftovers);

  const system: RunningSystem = {
    processes,
    instances: (app) =>
      slots.filter((slot) => !app || slot.app === app).flatMap((slot) => (slot.process ? [{ ...slot, process: slot.process }] : [])),
    async stopApp(app, choice) {
      await Promise.all(chosen(app, choice).map((slot) => slot.process && stopChild(slot.process)));
    },
    async killApp(app, killOptions = {}) {
      await Promise.all(chosen(app, killOptions).map((slot) => slot.process && signalChild(slot.process, killOptions.signal ?? 'SIGKILL')));
    },
    async startApp(app, choice) {
      const stopped = chosen(app, choice).filter((slot) => !running(slot));
      if (stopped.length === 0) throw new Error(`${app} is still running`);
      await Promise.all(stopped.map(launch));
    },
    async stop() {
      stopping = true;
      await Promise.all(slots.map((slot) => slot.process && stopChild(slot.process)));
      process.removeListener('exit', killLeftovers);
    },
  };
  try {
    if (options.signal?.aborted) throw new Error('start of the system aborted');
    await Promise.all(slots.map(launch));
    return system;
  } catch (error) {
    await system.stop();
    throw error;
  }
}
