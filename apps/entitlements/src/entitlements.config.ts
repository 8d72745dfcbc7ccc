import { integerEnv, kafkaBrokersFrom } from '@payments/nest-runtime';

export interface EntitlementsConfig {
  port: number;
  kafkaBrokers: string[];
}

export function loadEntitlementsConfig(env: NodeJS.ProcessEnv = process.env): EntitlementsConfig {
  return {
    port: integerEnv(env, 'ENTITLEMENTS_PORT', 3004, { min: 0, max: 65535 }),
    kafkaBrokers: kafkaBrokersFrom(env),
  };
}
