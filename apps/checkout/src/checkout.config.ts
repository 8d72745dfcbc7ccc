import { RoutingRule } from './domain/provider-routing';
import { TaxRule } from './domain/pricing';
import { parseTaxRules } from './tax-rules.config';
import { databaseUrl } from '@payments/persistence';
import { CashfreeAdapterConfig, StripeAdapterConfig } from '@payments/providers';
import { ConfigError, cashfreeAdapterConfigFrom, integerEnv, kafkaBrokersFrom, optionalEnv, requiredEnv, stripeApiTarget } from '@payments/nest-runtime';

export const CHECKOUT_CONFIG = Symbol('CHECKOUT_CONFIG');


export interface CheckoutConfig {
  port: number;
  kafkaBrokers: string[];
  defaultCurrency: string;
  /** Currency -> provider; currencies not listed go to Stripe. CHECKOUT_ROUTING="INR:cashfree,USD:stripe". */
  routing: RoutingRule[];
  seedCatalog: boolean;
  stripe: StripeAdapterConfig;
  /**
   * CASHFREE_APP_ID + CASHFREE_SECRET_KEY enable Cashfree (CASHFREE_API_URL, default Cashfree's test
   * environment https://sandbox.cashfree.com/pg); null leaves INR to the routing fallback.
   */
  cashfree: CashfreeAdapterConfig | null;
  /** DATABASE_URL; checkout keeps its tables in the `checkout` schema there. */
  databaseUrl: string;
  /** CHECKOUT_CONSUMER_GROUP, default `checkout`: every replica of one deployment shares it. */
  consumerGroupId: string;
  /**
   * CHECKOUT_IN_FLIGHT_WAIT_MS, default 1000: how long a request waits for another one with the same
   * Idempotency-Key still being processed before it is answered 409 IDEMPOTENCY.IN_FLIGHT.
   */
  inFlightWaitMs: number;
  /**
   * CHECKOUT_COMMAND_CONCURRENCY, default 8: commands of different keys (buyers, orders) handled at
   * once, each with its provider call (decision 24); 0 handles a partition's commands one after
   * another. The database pool gets this many connections plus 2.
   */
  commandConcurrency: number;
  /** CHECKOUT_TAX_RULES (see parseTaxRules): when set, replaces the tax_rules table at start; null leaves it. */
  taxRules: TaxRule[] | null;
  /**
   * Refunds left pending at the provider are looked up again (status API) once they have not
   * changed for CHECKOUT_REFUND_RECHECK_AFTER_MS (default 5 min), every CHECKOUT_REFUND_SWEEP_MS
   * (default 60 s): a lost refund webhook cannot leave a refund pending for ever.
   */
  refundRecheck: { afterMs: number; everyMs: number };
  /**
   * CHECKOUT_ORDER_ID_SECRET (required, at least 32 bytes): the key order ids are derived with, so
   * nobody else can compute them. Changing it changes the ids of new orders only.
   */
  orderIdSecret: string;
  /**
   * Where the provider's subscription page sends the customer, `{SUBSCRIPTION_ID}` filled in:
   * CHECKOUT_SUBSCRIPTION_SUCCESS_URL (default the gateway's return page) and, for Stripe's back
   * link, CHECKOUT_SUBSCRIPTION_CANCEL_URL (optional).
   */
  subscriptionPages: { successUrl: string; cancelUrl?: string };
}

export const DEFAULT_SUBSCRIPTION_SUCCESS_URL = 'http://127.0.0.1:3000/app/subscriptions?subscription_id={SUBSCRIPTION_ID}';

function subscriptionPagesFrom(env: NodeJS.ProcessEnv): CheckoutConfig['subscriptionPages'] {
  const successUrl = optionalEnv(env, 'CHECKOUT_SUBSCRIPTION_SUCCESS_URL', DEFAULT_SUBSCRIPTION_SUCCESS_URL);
  const cancelUrl = optionalEnv(env, 'CHECKOUT_SUBSCRIPTION_CANCEL_URL', '');
  for (const [name, url] of [['CHECKOUT_SUBSCRIPTION_SUCCESS_URL', successUrl], ['CHECKOUT_SUBSCRIPTION_CANCEL_URL', cancelUrl]]) {
    if (url !== '' && !/^https?:\/\/[^\s]+$/.test(url)) throw new ConfigError(`${name} must be an http(s) URL`);
  }
  return cancelUrl ? { successUrl, cancelUrl } : { successUrl };
}

const MIN_ORDER_ID_SECRET_BYTES = 32;

function orderIdSecretFrom(env: NodeJS.ProcessEnv): string {
  const secret = requiredEnv(env, 'CHECKOUT_ORDER_ID_SECRET');
  if (Buffer.byteLength(secret) < MIN_ORDER_ID_SECRET_BYTES) {
    throw new ConfigError(`CHECKOUT_ORDER_ID_SECRET must be at least ${MIN_ORDER_ID_SECRET_BYTES} bytes`);
  }
  return secret;
}

function parseRouting(raw: string): RoutingRule[] {
  return raw.split(',').filter((part) => part.trim() !== '').map((part) => {
    const [currency, provider] = part.trim().split(':');
    if (!/^[A-Z]{3}$/.test(currency ?? '') || (provider !== 'stripe' && provider !== 'cashfree')) {
      throw new ConfigError(`CHECKOUT_ROUTING entry "${part}" must look like INR:cashfree`);
    }
    return { currency, provider };
  });
}

export function loadCheckoutConfig(env: NodeJS.ProcessEnv = process.env): CheckoutConfig {
  const defaultCurrency = optionalEnv(env, 'CHECKOUT_DEFAULT_CURRENCY', 'USD');
  if (!/^[A-Z]{3}$/.test(defaultCurrency)) throw new ConfigError('CHECKOUT_DEFAULT_CURRENCY must be an ISO 4217 code');
  return {
    port: integerEnv(env, 'CHECKOUT_PORT', 3002, { min: 0, max: 65535 }),
    kafkaBrokers: kafkaBrokersFrom(env),
    defaultCurrency,
    routing: parseRouting(optionalEnv(env, 'CHECKOUT_ROUTING', 'INR:cashfree')),
    seedCatalog: optionalEnv(env, 'CHECKOUT_SEED_CATALOG', 'false') === 'true',
    stripe: { secretKey: requiredEnv(env, 'STRIPE_SECRET_KEY'), webhookSecrets: [], ...stripeApiTarget(env) },
    orderIdSecret: orderIdSecretFrom(env),
    subscriptionPages: subscriptionPagesFrom(env),
    cashfree: cashfreeAdapterConfigFrom(env),
    databaseUrl: databaseUrl(env),
    consumerGroupId: optionalEnv(env, 'CHECKOUT_CONSUMER_GROUP', 'checkout'),
    inFlightWaitMs: integerEnv(env, 'CHECKOUT_IN_FLIGHT_WAIT_MS', 1000, { min: 1, max: 30_000 }),
    commandConcurrency: integerEnv(env, 'CHECKOUT_COMMAND_CONCURRENCY', 8, { min: 0, max: 64 }),
    taxRules: env.CHECKOUT_TAX_RULES?.trim() ? parseTaxRules(env.CHECKOUT_TAX_RULES) : null,
    refundRecheck: {
      afterMs: integerEnv(env, 'CHECKOUT_REFUND_RECHECK_AFTER_MS', 5 * 60_000, { min: 0, max: 7 * 24 * 3_600_000 }),
      everyMs: integerEnv(env, 'CHECKOUT_REFUND_SWEEP_MS', 60_000, { min: 100, max: 3_600_000 }),
    },
  };
}
