import { integerEnv, kafkaBrokersFrom } from '@payments/nest-runtime';

export interface OrderLedgerConfig {
  port: number;
  kafkaBrokers: string[];
}

export function loadOrderLedgerConfig(env: NodeJS.ProcessEnv = process.env): OrderLedgerConfig {
  return {
    port: integerEnv(env, 'ORDER_LEDGER_PORT', 3003, { min: 0, max: 65535 }),
    kafkaBrokers: kafkaBrokersFrom(env),
  };
}
