import type { ProviderName } from '@payments/contracts';
import { ConfigError, integerEnv, listEnv, optionalEnv } from '@payments/nest-runtime';
import { DailySchedule, parseDailyTime } from './domain/reconciliation-schedule';
import { SETTLEMENT_PROVIDERS } from './domain/settlement-day';

export interface ReconciliationConfig {
  /**
   * RECONCILIATION_SCHEDULE: `HH:MM` (UTC), every day at that time the previous day is reconciled;
   * `off` disables the schedule. Default `02:00`, or `off` when NODE_ENV is `test`.
   */
  schedule: DailySchedule | null;
  /** RECONCILIATION_PROVIDERS, comma-separated, default `stripe,cashfree`: whose days the schedule runs. */
  providers: ProviderName[];
  /** RECONCILIATION_SCHEDULE_CHECK_MS, default 60000: how often each replica looks whether a slot is due. */
  checkEveryMs: number;
}

/**
 * NODE_ENV comes from `env`, else from the process: in-process test fixtures pass an environment of
 * their own, and Jest sets it for the process.
 */
export function reconciliationConfigFrom(env: NodeJS.ProcessEnv): ReconciliationConfig {
  const testRun = (env.NODE_ENV ?? process.env.NODE_ENV) === 'test';
  const raw = optionalEnv(env, 'RECONCILIATION_SCHEDULE', testRun ? 'off' : '02:00');
  const schedule = raw === 'off' ? null : parseDailyTime(raw);
  if (raw !== 'off' && !schedule) throw new ConfigError(`RECONCILIATION_SCHEDULE must be HH:MM (UTC) or off, got "${raw}"`);
  const providers = listEnv(env, 'RECONCILIATION_PROVIDERS', [...SETTLEMENT_PROVIDERS]);
  const unknown = providers.find((provider) => !(SETTLEMENT_PROVIDERS as readonly string[]).includes(provider));
  if (unknown !== undefined) throw new ConfigError(`RECONCILIATION_PROVIDERS must name ${SETTLEMENT_PROVIDERS.join(' and/or ')}, got "${unknown}"`);
  return {
    schedule,
    providers: [...new Set(providers)] as ProviderName[],
    checkEveryMs: integerEnv(env, 'RECONCILIATION_SCHEDULE_CHECK_MS', 60_000, { min: 100, max: 3_600_000 }),
  };
}
