import { RoutingRule } from './domain/provider-routing';
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
    cashfree: cashfreeAdapterConfigFrom(env),
  };
}
