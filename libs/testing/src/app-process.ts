import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

/** Starts `apps/<app>/src/main.ts` as its own Node process, appending its stdout and stderr to `logFile`. */
export function spawnAppProcess(app: string, env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps', app, 'src', 'main.ts')], {
    cwd: ROOT,
    env: { ...env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
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
