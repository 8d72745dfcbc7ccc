import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

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

/** Development and test secrets: the sandbox accepts exactly these; never real keys. */
export const DEV_SECRETS = {
  STRIPE_SECRET_KEY: 'sk_test_sandbox_0123456789',
  STRIPE_WEBHOOK_SECRET: 'whsec_sandbox_0123456789abcdef',
  CASHFREE_APP_ID: 'cf_test_app_sandbox',
  CASHFREE_SECRET_KEY: 'cfsk_test_sandbox_0123456789',
  JWT_SECRET: 'dev-only-jwt-secret-change-me-0123456789abcdef',
} as const;

/** The environment every app of one running system shares (ports, brokers, database, secrets). */
export function systemEnvironment(ports: SystemPorts, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...DEV_SECRETS,
    ...base,
    GATEWAY_PORT: String(ports.gateway),
    WEBHOOK_INGEST_PORT: String(ports.webhookIngest),
    CHECKOUT_PORT: String(ports.checkout),
    ORDER_LEDGER_PORT: String(ports.orderLedger),
    ENTITLEMENTS_PORT: String(ports.entitlements),
    SANDBOX_PORT: String(ports.sandbox),
    STRIPE_API_URL: `http://127.0.0.1:${ports.sandbox}`,
    SANDBOX_STRIPE_WEBHOOK_URL: `http://127.0.0.1:${ports.webhookIngest}/webhooks/stripe`,
    CASHFREE_API_URL: `http://127.0.0.1:${ports.sandbox}/cashfree/pg`,
    SANDBOX_CASHFREE_WEBHOOK_URL: `http://127.0.0.1:${ports.webhookIngest}/webhooks/cashfree`,
    CHECKOUT_SEED_CATALOG: base.CHECKOUT_SEED_CATALOG ?? 'true',
  };
}

export function readinessUrl(app: AppName, ports: SystemPorts): string {
  switch (app) {
    case 'gateway': return `http://127.0.0.1:${ports.gateway}/health/ready`;
    case 'webhook-ingest': return `http://127.0.0.1:${ports.webhookIngest}/health/ready`;
    case 'checkout': return `http://127.0.0.1:${ports.checkout}/health/ready`;
    case 'order-ledger': return `http://127.0.0.1:${ports.orderLedger}/health/ready`;
    case 'entitlements': return `http://127.0.0.1:${ports.entitlements}/health/ready`;
    case 'provider-sandbox': return `http://127.0.0.1:${ports.sandbox}/health`;
  }
}

export interface RunningSystem {
  readonly processes: ReadonlyMap<AppName, ChildProcess>;
  /** Stops one app (SIGTERM, as an orchestrator would), leaving the others running. */
  stopApp(app: AppName): Promise<void>;
  /** Starts a stopped app again (appending to its log) and waits until it is ready. */
  startApp(app: AppName): Promise<void>;
  stop(): Promise<void>;
}

export async function waitUntilReady(app: AppName, url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${app} exited with code ${child.exitCode} during start-up (see its log)`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${app} was not ready at ${url} after ${timeoutMs} ms`);
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Starts the six apps as separate Node processes, each logging to `<logDir>/<app>.log`, and waits until each is ready. */
export async function startSystem(options: { env: NodeJS.ProcessEnv; ports: SystemPorts; logDir: string; timeoutMs?: number }): Promise<RunningSystem> {
  mkdirSync(options.logDir, { recursive: true });
  const processes = new Map<AppName, ChildProcess>();
  const spawnApp = (app: AppName) => {
    const log = createWriteStream(join(options.logDir, `${app}.log`), { flags: 'a' });
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps', app, 'src', 'main.ts')], {
      cwd: ROOT,
      env: { ...options.env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    processes.set(app, child);
    return child;
  };
  const ready = (app: AppName) =>
    waitUntilReady(app, readinessUrl(app, options.ports), processes.get(app) as ChildProcess, options.timeoutMs ?? 90_000);
  const system: RunningSystem = {
    processes,
    async stopApp(app) {
      const child = processes.get(app);
      if (child) await stopChild(child);
    },
    async startApp(app) {
      const child = processes.get(app);
      if (child && child.exitCode === null && child.signalCode === null) throw new Error(`${app} is still running`);
      spawnApp(app);
      await ready(app);
    },
    async stop() {
      await Promise.all([...processes.values()].reverse().map(stopChild));
    },
  };
  try {
    for (const app of APPS) spawnApp(app);
    await Promise.all(APPS.map(ready));
    return system;
  } catch (error) {
    await system.stop();
    throw error;
  }
}
