import { ConfigError, optionalEnv } from '@payments/nest-runtime';

/** The services whose own ports the admin API reads: order-ledger's history and unmatched payments, everyone's parked messages and metrics. */
export const INTERNAL_SERVICES = ['gateway', 'checkout', 'webhook-ingest', 'order-ledger', 'entitlements'] as const;
export type InternalService = (typeof INTERNAL_SERVICES)[number];

/** Base URL of each service: `<NAME>_URL` (ORDER_LEDGER_URL...), else 127.0.0.1 on the service's port variable. */
export type ServiceUrls = Readonly<Record<InternalService, string>>;

const DEFAULTS: Readonly<Record<InternalService, { urlVariable: string; portVariable: string; port: number }>> = {
  gateway: { urlVariable: 'GATEWAY_URL', portVariable: 'GATEWAY_PORT', port: 3000 },
  'webhook-ingest': { urlVariable: 'WEBHOOK_INGEST_URL', portVariable: 'WEBHOOK_INGEST_PORT', port: 3001 },
  checkout: { urlVariable: 'CHECKOUT_URL', portVariable: 'CHECKOUT_PORT', port: 3002 },
  'order-ledger': { urlVariable: 'ORDER_LEDGER_URL', portVariable: 'ORDER_LEDGER_PORT', port: 3003 },
  entitlements: { urlVariable: 'ENTITLEMENTS_URL', portVariable: 'ENTITLEMENTS_PORT', port: 3004 },
};

function urlOf(env: NodeJS.ProcessEnv, service: InternalService): string {
  const { urlVariable, portVariable, port } = DEFAULTS[service];
  const explicit = optionalEnv(env, urlVariable, '');
  if (explicit !== '') {
    if (!/^https?:\/\/[^\s/]+\/?$/.test(explicit)) throw new ConfigError(`${urlVariable} must be an http(s) base URL without a path, got "${explicit}"`);
    return explicit.replace(/\/$/, '');
  }
  const raw = optionalEnv(env, portVariable, String(port));
  if (!/^\d{1,5}$/.test(raw)) throw new ConfigError(`${portVariable} must be a port number, got "${raw}"`);
  return `http://127.0.0.1:${raw}`;
}

export function loadServiceUrls(env: NodeJS.ProcessEnv): ServiceUrls {
  return Object.fromEntries(INTERNAL_SERVICES.map((service) => [service, urlOf(env, service)])) as unknown as ServiceUrls;
}
