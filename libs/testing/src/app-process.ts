import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

/**
 * How an app runs: `source` transpiles `apps/<app>/src/main.ts` at start (@swc-node/register, the
 * development path); `compiled` runs `dist/apps/<app>/src/main.js` from `npm run build`.
 */
export type AppRuntime = 'source' | 'compiled';

/** APP_RUNTIME, default `source`. */
export function appRuntimeFrom(env: NodeJS.ProcessEnv): AppRuntime {
  const raw = env.APP_RUNTIME?.trim() || 'source';
  if (raw !== 'source' && raw !== 'compiled') throw new Error(`APP_RUNTIME must be source or compiled, got "${raw}"`);
  return raw;
}

/** The Node arguments that start `app` in `runtime`; the compiled output must have been built. */
export function appNodeArguments(app: string, runtime: AppRuntime): string[] {
  if (runtime === 'source') return ['-r', '@swc-node/register', join(ROOT, 'apps', app, 'src', 'main.ts')];
  const main = join(ROOT, 'dist', 'apps', app, 'src', 'main.js');
  if (!existsSync(main)) throw new Error(`${app} is not built (no ${main}): run npm run build first`);
  return ['--enable-source-maps', main];
}

/** The gateway finds its built pages (dist/apps/web) from its source folder's place: from dist/ it is told. */
const COMPILED_DEFAULTS = { WEB_APP_DIR: join(ROOT, 'dist', 'apps', 'web') };

/** Starts `app` as its own Node process (APP_RUNTIME of `env` unless told), appending its stdout and stderr to `logFile`. */
export function spawnAppProcess(app: string, env: NodeJS.ProcessEnv, logFile: string, runtime: AppRuntime = appRuntimeFrom(env)): ChildProcess {
  const args = appNodeArguments(app, runtime);
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: runtime === 'source' ? { ...env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json') } : { ...COMPILED_DEFAULTS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  child.once('exit', () => log.end());
  return child;
}

export const hasExited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

export async function waitUntilReady(app: string, url: string, child: ChildProcess, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (signal?.aborted) throw new Error(`start of ${app} aborted`);
    if (hasExited(child)) throw new Error(`${app} exited with code ${child.exitCode ?? child.signalCode} during start-up (see its log)`);
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

/** Sends `signal` and resolves once the process has exited (at once if it already had). */
export async function signalChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (hasExited(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
}

/** SIGTERM, as an orchestrator stops a process; SIGKILL if it is still there after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (hasExited(child)) return;
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await signalChild(child, 'SIGTERM');
  clearTimeout(timer);
}
