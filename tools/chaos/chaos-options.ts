import { randomInt } from 'node:crypto';

/** What one chaos run does; every field has a default (`npm run chaos -- --help` lists the flags). */
export interface ChaosOptions {
  /** Orders to place, half in USD (Stripe) and half in INR (Cashfree). */
  readonly orders: number;
  /** Subscribers to Stripe (USD) plan subscriptions: they subscribe, renew, fail and recover, cancel (`planSubscriptions`). */
  readonly stripeSubscriptions: number;
  /** Subscribers to Cashfree (INR, UPI Autopay mandate) plan subscriptions, likewise. */
  readonly cashfreeSubscriptions: number;
  /** Seconds over which the orders are placed and the faults happen. */
  readonly durationSeconds: number;
  /** SIGKILLs per service process (every app and replica but the sandbox), at random moments. */
  readonly kills: number;
  /** Broker restarts (stop, then start on the same data dir) during the load. */
  readonly brokerRestarts: number;
  /** Makes the order mix, the fault moments and the sandbox's fault draws reproducible. */
  readonly seed: number;
  /** First HTTP port of the run's apps (gateway); the others follow it. */
  readonly portBase: number;
  /** The run's own broker: client port, controller on the next one. */
  readonly kafkaPort: number;
  /** How long to wait for the system to settle after the load, before giving up. */
  readonly settleTimeoutSeconds: number;
  /** The apps' log level; their logs go to `tmp/chaos-logs/<run>/`. */
  readonly logLevel: string;
  /** Keep the throw-away database after the run, to look into it. */
  readonly keepDatabase: boolean;
  /** Progress lines; the summary is the caller's to print. */
  readonly log: (line: string) => void;
  /** Aborting it ends the run early: everything started is stopped and the run rejects. */
  readonly signal?: AbortSignal;
}

export class ChaosUsageError extends Error {
  readonly code = 'CHAOS.USAGE';
}

export function defaultChaosOptions(): ChaosOptions {
  return {
    orders: 300,
    stripeSubscriptions: 20,
    cashfreeSubscriptions: 20,
    durationSeconds: 90,
    kills: 2,
    brokerRestarts: 1,
    seed: randomInt(2 ** 31),
    portBase: 25000,
    kafkaPort: 29392,
    settleTimeoutSeconds: 300,
    logLevel: 'warn',
    keepDatabase: false,
    log: (line) => console.log(line),
  };
}

type NumericOption = 'orders' | 'stripeSubscriptions' | 'cashfreeSubscriptions' | 'durationSeconds' | 'kills' | 'brokerRestarts' | 'seed' | 'portBase' | 'kafkaPort' | 'settleTimeoutSeconds';

const NUMERIC_FLAGS: Readonly<Record<string, NumericOption>> = {
  '--orders': 'orders',
  '--stripe-subscriptions': 'stripeSubscriptions',
  '--cashfree-subscriptions': 'cashfreeSubscriptions',
  '--duration': 'durationSeconds',
  '--kills': 'kills',
  '--broker-restarts': 'brokerRestarts',
  '--seed': 'seed',
  '--port-base': 'portBase',
  '--kafka-port': 'kafkaPort',
  '--settle-timeout': 'settleTimeoutSeconds',
};

export const CHAOS_USAGE = `npm run chaos -- [flags]
  --orders N                  orders to place (default 300)
  --stripe-subscriptions N    Stripe plan subscribers (default 20)
  --cashfree-subscriptions N  Cashfree plan subscribers (default 20)
  --duration S                seconds of load and faults (default 90)
  --kills N                   SIGKILLs per service process (default 2)
  --broker-restarts N         broker restarts during the load (default 1)
  --seed N                    reproduce a run's order and subscriber mix, fault moments and webhook faults
  --port-base P               the apps' first HTTP port (default 25000)
  --kafka-port P              the run's own broker (default 29392; P+1 for its controller)
  --settle-timeout S          give up waiting for the system to settle after S seconds (default 300)
  --log-level L               the apps' log level (default warn)
  --keep-database             keep the throw-away database`;

/** Reads `--flag value` pairs over the defaults; an unknown flag or a bad number is a usage error. */
export function parseChaosArgs(argv: readonly string[], defaults: ChaosOptions = defaultChaosOptions()): ChaosOptions {
  const options: Record<string, unknown> = { ...defaults };
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index];
    if (flag === '--keep-database') {
      options.keepDatabase = true;
      continue;
    }
    const value = argv[index + 1];
    index += 1;
    if (flag === '--log-level' && value) {
      options.logLevel = value;
      continue;
    }
    const name = Object.hasOwn(NUMERIC_FLAGS, flag) ? NUMERIC_FLAGS[flag] : undefined;
    if (!name) throw new ChaosUsageError(`unknown flag ${flag}\n${CHAOS_USAGE}`);
    if (value === undefined || !/^\d+$/.test(value)) throw new ChaosUsageError(`${flag} takes a whole number, got ${value ?? 'nothing'}`);
    options[name] = Number(value);
  }
  const parsed = options as unknown as ChaosOptions;
  if (parsed.orders < 1 || parsed.durationSeconds < 1) throw new ChaosUsageError('--orders and --duration must be at least 1');
  return parsed;
}
