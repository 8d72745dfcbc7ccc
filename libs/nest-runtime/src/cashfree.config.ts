import type { CashfreeAdapterConfig } from '@payments/providers';
import { ConfigError, listEnv, optionalEnv } from './config';

type Env = NodeJS.ProcessEnv;

/** Cashfree's test environment; production is `https://api.cashfree.com/pg` and must be set explicitly. */
export const DEFAULT_CASHFREE_API_URL = 'https://sandbox.cashfree.com/pg';

function httpUrl(env: Env, name: string, fallback = ''): string | undefined {
  const raw = optionalEnv(env, name, fallback);
  if (raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a URL: "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${name} must be http or https`);
  return raw.replace(/\/+$/, '');
}

/**
 * Cashfree is enabled by CASHFREE_APP_ID and CASHFREE_SECRET_KEY together; neither means disabled
 * (null), one without the other stops the service naming the missing one. CASHFREE_WEBHOOK_SECRET
 * (comma-separated while rotating) defaults to the secret key, which is what Cashfree signs with.
 * CASHFREE_SUBSCRIPTION_CHECKOUT_URL is the mandate authorization page to send subscribers to
 * (see `CashfreeAdapterConfig.subscriptionCheckoutUrl`).
 */
export function cashfreeAdapterConfigFrom(env: Env): CashfreeAdapterConfig | null {
  const appId = optionalEnv(env, 'CASHFREE_APP_ID', '');
  const secretKey = optionalEnv(env, 'CASHFREE_SECRET_KEY', '');
  if (appId === '' && secretKey === '') return null;
  if (appId === '') throw new ConfigError('missing required configuration CASHFREE_APP_ID (CASHFREE_SECRET_KEY is set)');
  if (secretKey === '') throw new ConfigError('missing required configuration CASHFREE_SECRET_KEY (CASHFREE_APP_ID is set)');
  const placeholderPhone = optionalEnv(env, 'CASHFREE_PLACEHOLDER_PHONE', '');
  if (placeholderPhone !== '' && !/^\d{10}$/.test(placeholderPhone)) throw new ConfigError('CASHFREE_PLACEHOLDER_PHONE must be 10 digits');
  return {
    appId,
    secretKey,
    webhookSecrets: listEnv(env, 'CASHFREE_WEBHOOK_SECRET', [secretKey]),
    baseUrl: httpUrl(env, 'CASHFREE_API_URL', DEFAULT_CASHFREE_API_URL) as string,
    ...(placeholderPhone ? { placeholderPhone } : {}),
    returnUrl: httpUrl(env, 'CASHFREE_RETURN_URL'),
    notifyUrl: httpUrl(env, 'CASHFREE_NOTIFY_URL'),
    subscriptionCheckoutUrl: httpUrl(env, 'CASHFREE_SUBSCRIPTION_CHECKOUT_URL'),
  };
}
