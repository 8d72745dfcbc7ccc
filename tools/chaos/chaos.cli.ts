// npm run chaos [-- --orders 300 --stripe-subscriptions 20 --duration 90 --kills 2 --seed N ...]: the project's chaos
// test. Starts its own broker, a throw-away database and the whole system (two replicas of checkout and
// order-ledger), places the orders and runs the plan subscribers on both providers while it SIGKILLs every
// service process and restarts the broker, waits until the system settles, checks it from outside, prints a
// summary (lines, then one JSON line) and exits 1 on any loss or wrong subscription (2 on a bad flag).
import { runChaos } from './chaos.run';
import { CHAOS_USAGE, ChaosUsageError, parseChaosArgs } from './chaos-options';
import { failedChecks, summaryLines } from './chaos-summary';

const interrupt = new AbortController();

async function main(): Promise<number> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interrupt.signal.aborted) process.exit(130);
      console.error(`${signal}: stopping the system and the broker, dropping the database (again to stop at once)`);
      interrupt.abort();
    });
  }
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
    console.log(CHAOS_USAGE);
    return 0;
  }
  const summary = await runChaos({ ...parseChaosArgs(argv), signal: interrupt.signal });
  for (const line of summaryLines(summary)) console.log(line);
  return failedChecks(summary).length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ChaosUsageError) {
      console.error(error.message);
      process.exit(2);
    }
    console.error(interrupt.signal.aborted ? 'interrupted' : error);
    process.exit(interrupt.signal.aborted ? 130 : 1);
  },
);
