import { databaseUrl } from '@payments/persistence';
import { CashfreeAdapterConfig, StripeAdapterConfig } from '@payments/providers';
import { cashfreeAdapterConfigFrom, integerEnv, kafkaBrokersFrom, listEnv, requiredEnv, stripeApiTarget } from '@payments/nest-runtime';

export interface WebhookIngestConfig {
  port: number;
  /** DATABASE_URL, else the local server. */
  databaseUrl: string;
  kafkaBrokers: string[];
  stripe: StripeAdapterConfig;
  /** Null when CASHFREE_APP_ID / CASHFREE_SECRET_KEY are unset: /webhooks/cashfree then answers 5xx, so Cashfree retries. */
  cashfree: CashfreeAdapterConfig | null;
}

export function loadWebhookIngestConfig(env: NodeJS.ProcessEnv = process.env): WebhookIngestConfig {
  requiredEnv(env, 'STRIPE_WEBHOOK_SECRET');
  return {
    port: integerEnv(env, 'WEBHOOK_INGEST_PORT', 3001, { min: 0, max: 65535 }),
    databaseUrl: databaseUrl(env),
    kafkaBrokers: kafkaBrokersFrom(env),
    stripe: {
      secretKey: requiredEnv(env, 'STRIPE_SECRET_KEY'),
      // Comma-separated: during a rotation both the old and the new endpoint secret verify.
      webhookSecrets: listEnv(env, 'STRIPE_WEBHOOK_SECRET', []),
      ...stripeApiTarget(env),
    },
    // Only webhooks are verified here; CASHFREE_WEBHOOK_SECRET lists the secrets to try while rotating.
    cashfree: cashfreeAdapterConfigFrom(env),
  };
}
