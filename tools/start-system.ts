// Starts the whole system locally: the six apps as processes against Kafka (KAFKA_BROKERS, default
// 127.0.0.1:9092) and PostgreSQL (DATABASE_URL, default 127.0.0.1:5432), with the seeded catalog;
// ports from GATEWAY_PORT, CHECKOUT_PORT... when set. Used by scripts/start-all.sh, which starts Kafka
// first. SIGINT, SIGTERM or SIGHUP, even during start-up, stops every app before this process exits.
import { join } from 'node:path';
import { RunningSystem, portsFromEnvironment, startSystem, systemEnvironment } from '@payments/testing';

/**
 * The web pages' development sign-in: the gateway's own token issuer, trusted through JWT_JWKS_URL
 * as an identity provider would be (the gateway refuses DEV_SIGN_IN under NODE_ENV=production), and
 * Cashfree's return URL on the storefront's return page. Variables already set win.
 */
function devSignIn(gatewayPort: number): NodeJS.ProcessEnv {
  if (process.env.NODE_ENV === 'production') return {};
  const gateway = `http://127.0.0.1:${gatewayPort}`;
  return { DEV_SIGN_IN: 'true', JWT_JWKS_URL: `${gateway}/dev/jwks.json`, CASHFREE_RETURN_URL: `${gateway}/app/return?order_id={order_id}` };
}

async function main(): Promise<void> {
  const logDir = join(__dirname, '..', '.run', 'logs');
  const ports = portsFromEnvironment(process.env);
  const env = systemEnvironment(ports, { ...devSignIn(ports.gateway), ...process.env, KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092' });
  const aborter = new AbortController();
  let system: RunningSystem | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (signal: NodeJS.Signals) => {
    stopping ??= (async () => {
      console.log(`\n${signal}: stopping the apps`);
      aborter.abort();
      await system?.stop();
      process.exit(0);
    })();
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop(signal));

  try {
    system = await startSystem({ env, ports, logDir, signal: aborter.signal });
  } catch (error) {
    if (stopping) return;
    throw error;
  }
  if (stopping) {
    await system.stop();
    return;
  }
  const p = ports;
  console.log(`
All six apps are up (logs in ${logDir}).
  storefront        http://127.0.0.1:${p.gateway}/app/    operations console: http://127.0.0.1:${p.gateway}/app/console (sign in as an admin)
  gateway           http://127.0.0.1:${p.gateway}      API docs: http://127.0.0.1:${p.gateway}/docs
  webhook-ingest    http://127.0.0.1:${p.webhookIngest}/webhooks/stripe
  checkout          http://127.0.0.1:${p.checkout}/health/ready
  order-ledger      http://127.0.0.1:${p.orderLedger}/health/ready
  entitlements      http://127.0.0.1:${p.entitlements}/health/ready
  provider-sandbox  http://127.0.0.1:${p.sandbox}   (hosted test page: /pay/stripe/<payment_intent id>)
  metrics           /metrics on every app
Get a development token:  npm run --silent dev:token -- user-1
Press Ctrl-C to stop (the apps, and the Kafka broker if npm start started it).`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
