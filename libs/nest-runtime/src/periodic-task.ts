import { Logger } from '@payments/observability';

export interface PeriodicTask {
  /** Stops the schedule and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `work` every `everyMs`, never two runs at once (a slow run delays the next rather than
 * overlapping it). A failed run is logged as `what failed` and the schedule goes on. The timer does
 * not keep the process alive.
 */
export function startPeriodicTask(what: string, everyMs: number, work: () => Promise<unknown>, logger: Logger): PeriodicTask {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= work()
      .then(() => undefined, (error: unknown) => logger.error({ err: error }, `${what} failed`))
      .finally(() => { running = undefined; });
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
