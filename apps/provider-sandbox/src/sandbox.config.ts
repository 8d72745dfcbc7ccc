import { ConfigError, integerEnv, listEnv, optionalEnv, requiredEnv } from '@payments/nest-runtime';
import { CashfreeFeeSettings, loadCashfreeFeeSettings } from './cashfree/cashfree-fee.config';
import type { RetrySchedule } from './domain/retry-schedule';
import type { StripeFeeSchedule } from './domain/settlement-fee-overrides';
import { stripeFeesFromEnv } from './stripe-payouts/stripe-fees.config';

/** The Stripe API version stripe-node 23 pins; events carry it as `api_version`. */
export const DEFAULT_STRIPE_API_VERSION = '2026-10-28.endive';
/** The Cashfree webhook version the sandbox sends (`x-webhook-version`). */
export const DEFAULT_CASHFREE_WEBHOOK_VERSION = '2023-08-01';

export interface SandboxConfig {
  readonly port: number;
  readonly host: string;
  readonly stripe: {
    /** The only API key accepted; must be a test key. */
    readonly secretKey: string;
    /** Every delivery is signed with each of these (one `v1` per secret, as during a Stripe roll). */
    readonly webhookSecrets: readonly string[];
    /** Where events are POSTed; null records them without delivering. */
    readonly webhookUrl: string | null;
    readonly apiVersion: string;
    /** Payment fee rules and dispute fees per currency; the built-in tables (`DEFAULT_STRIPE_FEES`) when absent. */
    readonly fees?: StripeFeeSchedule;
  };
  readonly cashfree: {
    /** The only `x-client-id` accepted. */
    readonly appId: string;
    /** The only `x-client-secret` accepted; webhooks are signed with it, as Cashfree signs them. */
    readonly secretKey: string;
    /** Where webhooks of orders without a `notify_url` are POSTed; null records them without delivering. */
    readonly webhookUrl: string | null;
    readonly webhookVersion: string;
    /** Service charges per payment group and the dispute fee; the sandbox's own table where unset. */
    readonly fees?: CashfreeFeeSettings;
  };
  readonly delivery: {
    readonly schedule: RetrySchedule;
    readonly attemptTimeoutMs: number;
  };
}

function webhookUrlFrom(env: NodeJS.ProcessEnv, name = 'SANDBOX_STRIPE_WEBHOOK_URL'): string | null {
  const raw = optionalEnv(env, name, '');
  if (raw === '') return null;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
    return url.toString();
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL, got "${raw}"`);
  }
}

/** Reads and checks the sandbox's configuration once, at start-up; a missing secret names itself. */
export function loadSandboxConfig(env: NodeJS.ProcessEnv = process.env): SandboxConfig {
  const secretKey = requiredEnv(env, 'STRIPE_SECRET_KEY');
  if (!secretKey.startsWith('sk_test_')) throw new ConfigError('STRIPE_SECRET_KEY must be a test key (sk_test_...): the sandbox never sees live keys');
  requiredEnv(env, 'STRIPE_WEBHOOK_SECRET');
  const webhookSecrets = listEnv(env, 'STRIPE_WEBHOOK_SECRET', []);
  if (!webhookSecrets.every((secret) => secret.startsWith('whsec_'))) throw new ConfigError('STRIPE_WEBHOOK_SECRET must be whsec_... (comma-separated while rolling)');
  const cashfreeSecretKey = requiredEnv(env, 'CASHFREE_SECRET_KEY');
  // Cashfree's production secrets read cfsk_ma_prod_...; the sandbox must never be handed one.
  if (/_prod_/i.test(cashfreeSecretKey)) throw new ConfigError('CASHFREE_SECRET_KEY must be a test secret: the sandbox never sees production keys');
  const baseDelayMs = integerEnv(env, 'SANDBOX_WEBHOOK_RETRY_BASE_MS', 1_000, { min: 1 });
  return {
    port: integerEnv(env, 'SANDBOX_PORT', 4010, { min: 0, max: 65535 }),
    host: optionalEnv(env, 'SANDBOX_HOST', optionalEnv(env, 'HTTP_HOST', '127.0.0.1')),
    stripe: {
      secretKey,
      webhookSecrets,
      webhookUrl: webhookUrlFrom(env),
      apiVersion: optionalEnv(env, 'SANDBOX_STRIPE_API_VERSION', DEFAULT_STRIPE_API_VERSION),
      fees: stripeFeesFromEnv(env),
    },
    cashfree: {
      appId: requiredEnv(env, 'CASHFREE_APP_ID'),
      secretKey: cashfreeSecretKey,
      webhookUrl: webhookUrlFrom(env, 'SANDBOX_CASHFREE_WEBHOOK_URL'),
      webhookVersion: optionalEnv(env, 'SANDBOX_CASHFREE_WEBHOOK_VERSION', DEFAULT_CASHFREE_WEBHOOK_VERSION),
      fees: loadCashfreeFeeSettings(env),
    },
    delivery: {
      schedule: {
        baseDelayMs,
        maxDelayMs: integerEnv(env, 'SANDBOX_WEBHOOK_RETRY_MAX_MS', 60_000, { min: baseDelayMs }),
        maxAttempts: integerEnv(env, 'SANDBOX_WEBHOOK_MAX_ATTEMPTS', 6, { min: 1, max: 20 }),
      },
      attemptTimeoutMs: integerEnv(env, 'SANDBOX_WEBHOOK_TIMEOUT_MS', 10_000, { min: 1 }),
    },
  };
}
