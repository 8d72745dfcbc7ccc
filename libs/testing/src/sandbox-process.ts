import type { ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { spawnAppProcess, stopChild, waitUntilReady } from './app-process';
import { DEV_SECRETS } from './system-launcher';

const ROOT = resolve(__dirname, '../../..');

export interface SandboxProcess {
  /** e.g. `http://127.0.0.1:19510`: STRIPE_API_URL for the Stripe SDK; Cashfree PG lives under `/cashfree/pg`. */
  readonly url: string;
  readonly secrets: typeof DEV_SECRETS;
  stop(): Promise<void>;
}

/**
 * Starts the provider-sandbox as its own Node process (an app may not import another app), with the
 * development secrets, on `port`, logging to `tmp/int-logs/sandbox-<port>.log`; webhooks are
 * recorded, not delivered, unless `env` names where to send them.
 */
export async function startSandboxProcess(options: { port: number; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<SandboxProcess> {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...DEV_SECRETS, SANDBOX_PORT: String(options.port), LOG_LEVEL: 'warn', ...options.env };
  const child: ChildProcess = spawnAppProcess('provider-sandbox', env, join(ROOT, 'tmp', 'int-logs', `sandbox-${options.port}.log`));
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitUntilReady('provider-sandbox', `${url}/health`, child, options.timeoutMs ?? 60_000);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { url, secrets: DEV_SECRETS, stop: () => stopChild(child) };
}
