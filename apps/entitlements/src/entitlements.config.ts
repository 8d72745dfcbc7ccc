import { ConfigError, booleanEnv, integerEnv, kafkaBrokersFrom, optionalEnv } from '@payments/nest-runtime';
import { databaseUrl } from '@payments/persistence';
import { AccessPolicy, DISPUTE_POLICIES, DisputePolicy } from './domain/entitlement';

export const ENTITLEMENTS_CONFIG = Symbol('ENTITLEMENTS_CONFIG');

const DAY_MS = 86_400_000;

export interface EntitlementsConfig {
  port: number;
  /** DATABASE_URL, default the local server. */
  databaseUrl: string;
  kafkaBrokers: string[];
  /**
   * ENTITLEMENTS_CONSUMER_GROUP, default `entitlements`: the group reading `orders.events`; the
   * group reading `subscriptions.events` is this name with `-subscriptions`. Every replica of one
   * deployment shares them.
   */
  consumerGroupId: string;
  /**
   * ENTITLEMENTS_GRACE_PERIOD_MS (default 3 days): how long a plan's access outlives its paid period.
   * ENTITLEMENTS_REVOKE_ON_FULL_REFUND (`true` by default, or `false`): whether a one-time order
   * refunded in full loses its access. ENTITLEMENTS_DISPUTE_POLICY (`suspend-while-open` by default,
   * or `revoke-when-lost`): what a dispute against a one-time order's payment does to its access.
   */
  policy: AccessPolicy;
  /** ENTITLEMENTS_LAPSED_SWEEP_MS (default 60 s): how often to look for plans whose access ran out. */
  lapsedSweepEveryMs: number;
}

export function loadEntitlementsConfig(env: NodeJS.ProcessEnv = process.env): EntitlementsConfig {
  return {
    port: integerEnv(env, 'ENTITLEMENTS_PORT', 3004, { min: 0, max: 65535 }),
    databaseUrl: databaseUrl(env),
    kafkaBrokers: kafkaBrokersFrom(env),
    consumerGroupId: optionalEnv(env, 'ENTITLEMENTS_CONSUMER_GROUP', 'entitlements'),
    policy: {
      graceMs: integerEnv(env, 'ENTITLEMENTS_GRACE_PERIOD_MS', 3 * DAY_MS, { min: 0 }),
      revokeOnFullRefund: booleanEnv(env, 'ENTITLEMENTS_REVOKE_ON_FULL_REFUND', true),
      onDispute: disputePolicyOf(optionalEnv(env, 'ENTITLEMENTS_DISPUTE_POLICY', 'suspend-while-open')),
    },
    lapsedSweepEveryMs: integerEnv(env, 'ENTITLEMENTS_LAPSED_SWEEP_MS', 60_000, { min: 100, max: 3_600_000 }),
  };
}

function disputePolicyOf(raw: string): DisputePolicy {
  if ((DISPUTE_POLICIES as readonly string[]).includes(raw)) return raw as DisputePolicy;
  throw new ConfigError(`ENTITLEMENTS_DISPUTE_POLICY must be one of ${DISPUTE_POLICIES.join(', ')}, got "${raw}"`);
}
