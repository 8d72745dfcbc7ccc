import { integerEnv, kafkaBrokersFrom } from '@payments/nest-runtime';

export const ORDER_LEDGER_CONFIG = Symbol('ORDER_LEDGER_CONFIG');

export interface OrderLedgerConfig {
  port: number;
  kafkaBrokers: string[];
  /**
   * Pending orders nobody paid: after ORDER_STATUS_CHECK_AFTER_MS quiet (default 15 min) checkout
   * is asked for a server-side status check (again after as long, at most 3 times); after
   * ORDER_EXPIRE_AFTER_MS (default 24 h) with a check asked for and answered, the order expires.
   * ORDER_PENDING_SWEEP_MS (default 60 s) is how often to look.
   */
  pendingOrders: { statusCheckAfterMs: number; expireAfterMs: number; sweepEveryMs: number };
}

export function loadOrderLedgerConfig(env: NodeJS.ProcessEnv = process.env): OrderLedgerConfig {
  return {
    port: integerEnv(env, 'ORDER_LEDGER_PORT', 3003, { min: 0, max: 65535 }),
    kafkaBrokers: kafkaBrokersFrom(env),
    pendingOrders: {
      statusCheckAfterMs: integerEnv(env, 'ORDER_STATUS_CHECK_AFTER_MS', 15 * 60_000, { min: 100 }),
      expireAfterMs: integerEnv(env, 'ORDER_EXPIRE_AFTER_MS', 24 * 3_600_000, { min: 100 }),
      sweepEveryMs: integerEnv(env, 'ORDER_PENDING_SWEEP_MS', 60_000, { min: 100, max: 3_600_000 }),
    },
  };
}
