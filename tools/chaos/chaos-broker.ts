import { execFile, execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '..', '..');
const KAFKA_SCRIPT = join(ROOT, 'scripts', 'kafka.sh');
const run = promisify(execFile);

/**
 * The chaos run's own Kafka broker (scripts/kafka.sh on its own port and data dir), so restarting it
 * disturbs nothing else. Its operations run one at a time: a stop never races a start.
 */
export class ChaosBroker {
  readonly address: string;
  private readonly env: NodeJS.ProcessEnv;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(readonly port: number) {
    this.address = `127.0.0.1:${port}`;
    this.env = { ...process.env, KAFKA_PORT: String(port), KAFKA_RUN_DIR: join(tmpdir(), `course-payments-chaos-kafka-${port}`) };
  }

  /** Starts on a fresh data dir (stopping first what an interrupted earlier run may have left on this port). */
  start(): Promise<void> {
    return this.serially(async () => {
      await this.script('stop', {});
      await this.script('start', { KAFKA_FRESH: '1' });
    });
  }

  /** Stops it cleanly and starts it again on the same data dir: topics, offsets and groups survive. Not once closed. */
  restart(): Promise<void> {
    return this.serially(async () => {
      await this.script('stop', {});
      if (!this.closed) await this.script('start', { KAFKA_FRESH: '0' });
    });
  }

  /** Stops it for good, once what is under way (a restart) is done. */
  close(): Promise<void> {
    this.closed = true;
    return this.serially(() => this.script('stop', {}));
  }

  /** For a process that is exiting (interrupted), where nothing asynchronous runs any more. */
  stopNow(): void {
    execFileSync('bash', [KAFKA_SCRIPT, 'stop'], { env: this.env, cwd: ROOT, stdio: 'ignore', timeout: 60_000 });
  }

  private serially(operation: () => Promise<void>): Promise<void> {
    const next = this.queue.then(operation);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async script(command: 'start' | 'stop', extra: NodeJS.ProcessEnv): Promise<void> {
    await run('bash', [KAFKA_SCRIPT, command], { env: { ...this.env, ...extra }, cwd: ROOT, timeout: 180_000 });
  }
}
