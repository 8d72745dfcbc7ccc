// Starts the whole system locally: the six apps as processes against Kafka (KAFKA_BROKERS, default
// 127.0.0.1:9092) and PostgreSQL (DATABASE_URL, default 127.0.0.1:5432), with the seeded catalog.
// Used by scripts/start-all.sh, which starts Kafka first. Ctrl-C stops everything.
import { join } from 'node:path';
import { DEFAULT_PORTS, startSystem, systemEnvironment } from '@payments/testing';

async function main(): Promise<void> {
  const logDir = join(__dirname, '..', '.run', 'logs');
  const env = systemEnvironment(DEFAULT_PORTS, { ...process.env, KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092' });
  const system = await startSystem({ env, ports: DEFAULT_PORTS, logDir });
  const p = DEFAULT_PORTS;
  console.log(`
All six apps are up (logs in ${logDir}).
  gateway           http://127.0.0.1:${p.gateway}      API docs: http://127.0.0.1:${p.gateway}/docs
  webhook-ingest    http://127.0.0.1:${p.webhookIngest}/webhooks/stripe
  checkout          http://127.0.0.1:${p.checkout}/health/ready
  order-ledger      http://127.0.0.1:${p.orderLedger}/health/ready
  entitlements      http://127.0.0.1:${p.entitlements}/health/ready
  provider-sandbox  http://127.0.0.1:${p.sandbox}   (hosted test page: /pay/stripe/<payment_intent id>)
  metrics           /metrics on every app
Get a development token:  npm run --silent dev:token -- user-1
Press Ctrl-C to stop.`);
  const stop = async () => {
    await system.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
