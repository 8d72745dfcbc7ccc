import { ConfigError, integerEnv, kafkaBrokersFrom, optionalEnv } from '@payments/nest-runtime';
import { databaseUrl } from '@payments/persistence';
import { DEFAULT_DISPUTE_FEES, DisputeFees, parseDisputeFees } from './disputes/domain/dispute-report';
import { ReconciliationConfig, reconciliationConfigFrom } from './reconciliation/reconciliation.config';

export const ORDER_LEDGER_CONFIG = Symbol('ORDER_LEDGER_CONFIG');

export interface OrderLedgerConfig {
  port: number;
  /** DATABASE_URL, default the local server. */
  databaseUrl: string;
  kafkaBrokers: string[];
  /** ORDER_LEDGER_CONSUMER_GROUP, default `order-ledger`: every replica of one deployment shares it. */
  consumerGroupId: string;
  /**
   * Pending orders nobody paid: after ORDER_STATUS_CHECK_AFTER_MS quiet (default 15 min) checkout
   * is asked for a server-side status check (again after as long, at most 3 times); after
   * ORDER_EXPIRE_AFTER_MS (default 24 h) with a check asked for and answered, the order expires.
   * ORDER_PENDING_SWEEP_MS (default 60 s) is how often to look.
   */
  pendingOrders: { statusCheckAfterMs: number; expireAfterMs: number; sweepEveryMs: number };
  /** Provider facts whose order is still not placed after ORDER_UNMATCHED_AFTER_MS (default 1 h) are surfaced. */
  unmatchedAfterMs: number;
  /** ORDER_DISPUTE_FEES (default `stripe:USD:1500`): the dispute fee booked when a dispute's event states none. */
  disputeFees: DisputeFees;
  /** Nightly settlement reconciliation: RECONCILIATION_SCHEDULE, RECONCILIATION_PROVIDERS, RECONCILIATION_SCHEDULE_CHECK_MS. */
  reconciliation: ReconciliationConfig;
}

export function loadOrderLedgerConfig(env: NodeJS.ProcessEnv = process.env): OrderLedgerConfig {
  return {
    port: integerEnv(env, 'ORDER_LEDGER_PORT', 3003, { min: 0, max: 65535 }),
    databaseUrl: databaseUrl(env),
    kafkaBrokers: kafkaBrokersFrom(env),
    consumerGroupId: optionalEnv(env, 'ORDER_LEDGER_CONSUMER_GROUP', 'order-ledger'),
    pendingOrders: {
      statusCheckAfterMs: integerEnv(env, 'ORDER_STATUS_CHECK_AFTER_MS', 15 * 60_000, { min: 100 }),
      expireAfterMs: integerEnv(env, 'ORDER_EXPIRE_AFTER_MS', 24 * 3_600_000, { min: 100 }),
      sweepEveryMs: integerEnv(env, 'ORDER_PENDING_SWEEP_MS', 60_000, { min: 100, max: 3_600_000 }),
    },
    unmatchedAfterMs: integerEnv(env, 'ORDER_UNMATCHED_AFTER_MS', 3_600_000, { min: 100 }),
    disputeFees: disputeFeesFrom(env),
    reconciliation: reconciliationConfigFrom(env),
  };
}

function disputeFeesFrom(env: NodeJS.ProcessEnv): DisputeFees {
  try {
    return parseDisputeFees(optionalEnv(env, 'ORDER_DISPUTE_FEES', DEFAULT_DISPUTE_FEES));
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}
