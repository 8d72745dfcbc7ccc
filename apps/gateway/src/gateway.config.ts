import { ConfigError, integerEnv, internalApiTokenFrom, kafkaBrokersFrom, optionalEnv } from '@payments/nest-runtime';
import { databaseUrl } from '@payments/persistence';
import { ServiceUrls, loadServiceUrls } from './admin/service-urls.config';
import { WebConfig, loadWebConfig } from './web/web.config';

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

/** How bearer tokens are verified. At least one of `secret` and `jwksUrl` is set. */
export interface JwtConfig {
  /** HS256 secret (at least 32 bytes); HS256 tokens are accepted only when set. */
  readonly secret?: string;
  /** JWKS of an identity provider; RS256 tokens are accepted only when set. */
  readonly jwksUrl?: string;
  /** When set, the token's `iss` must equal it. */
  readonly issuer?: string;
  /** When set, the token's `aud` must contain it. */
  readonly audience?: string;
  /**
   * JWT_MAX_AGE in seconds: a token is refused once its `iat` is older than this, whatever its
   * `exp`, and a token without `iat` is refused.
   */
  readonly maxTokenAgeSeconds: number;
}

export interface RateLimitConfig {
  /** Requests per minute one authenticated user may make (RATE_LIMIT_PER_MINUTE). */
  readonly perUserPerMinute: number;
  /** Requests per minute from one client address, signed in or not (RATE_LIMIT_PER_IP_PER_MINUTE). */
  readonly perIpPerMinute: number;
}

/** Failed coupon lookups allowed a minute before coupon codes are refused (429) for a while; other checkouts are not limited by it. */
export interface CouponFailureLimitConfig {
  /** RATE_LIMIT_COUPON_FAILURES_PER_MINUTE, default 10. */
  readonly perUserPerMinute: number;
  /** RATE_LIMIT_COUPON_FAILURES_PER_IP_PER_MINUTE, default 10. */
  readonly perIpPerMinute: number;
}

/** How the identity provider's JWKS (JWT_JWKS_URL) is cached. */
export interface JwksCacheConfig {
  /** JWT_JWKS_CACHE_MAX_AGE_MS, default 600000: a key removed from the key set is refused at most this long after. */
  readonly maxAgeMs: number;
  /** JWT_JWKS_COOLDOWN_MS, default 30000: a token naming an unknown key fetches the key set again at most this often. */
  readonly cooldownMs: number;
}

export interface GatewayConfig {
  port: number;
  kafkaBrokers: string[];
  jwt: JwtConfig;
  /** How long POST /api/payments/checkout waits for checkout's reply before answering 504. */
  checkoutReplyTimeoutMs: number;
  rateLimit: RateLimitConfig;
  /** Express `trust proxy` (TRUST_PROXY): false, a hop count, or addresses/subnets such as `loopback`. */
  trustProxy: boolean | number | string;
  /** GET /success asks checkout for a status check at most once per order in this interval. */
  statusCheckIntervalMs: number;
  couponFailureLimit: CouponFailureLimitConfig;
  jwksCache: JwksCacheConfig;
  /** DATABASE_URL: the order-status streams LISTEN on their own connection. */
  databaseUrl: string;
  web: WebConfig;
  /** Where the admin API reads the other services' own endpoints. */
  services: ServiceUrls;
  /** INTERNAL_API_TOKEN: what the admin API presents to those endpoints (required with NODE_ENV=production). */
  internalApiToken: string | null;
}

function httpUrlEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = optionalEnv(env, name, '');
  if (raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a URL: "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`${name} must be an http(s) URL`);
  return raw;
}

/** JWT_MAX_AGE when unset: longer than any token the identity provider or `npm run dev:token` issues. */
const DEFAULT_JWT_MAX_AGE = '24h';
const LONGEST_JWT_MAX_AGE_SECONDS = 30 * 86_400;
const DURATION = /^(\d{1,9}) ?([smhd]?)$/;
const UNIT_SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3_600, d: 86_400 };

/** Whole seconds (`3600`) or a number with a unit (`90m`, `24h`, `7d`). */
function maxTokenAgeSecondsFrom(env: NodeJS.ProcessEnv): number {
  const raw = optionalEnv(env, 'JWT_MAX_AGE', DEFAULT_JWT_MAX_AGE);
  const match = DURATION.exec(raw.toLowerCase());
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2]] : Number.NaN;
  if (!(seconds >= 1 && seconds <= LONGEST_JWT_MAX_AGE_SECONDS)) {
    throw new ConfigError(`JWT_MAX_AGE must be a duration from 1 s to 30 d, in seconds or with a unit (90m, 24h, 7d), got "${raw}"`);
  }
  return seconds;
}

function jwtConfigFrom(env: NodeJS.ProcessEnv): JwtConfig {
  const secret = optionalEnv(env, 'JWT_SECRET', '');
  const jwksUrl = httpUrlEnv(env, 'JWT_JWKS_URL');
  if (secret === '' && !jwksUrl) {
    throw new ConfigError('missing required configuration JWT_SECRET or JWT_JWKS_URL (HS256 secret, or the JWKS URL of RS256 tokens)');
  }
  if (secret !== '' && Buffer.byteLength(secret) < 32) throw new ConfigError('JWT_SECRET must be at least 32 bytes for HS256');
  const issuer = optionalEnv(env, 'JWT_ISSUER', '');
  const audience = optionalEnv(env, 'JWT_AUDIENCE', '');
  return {
    ...(secret !== '' ? { secret } : {}),
    ...(jwksUrl ? { jwksUrl } : {}),
    ...(issuer !== '' ? { issuer } : {}),
    ...(audience !== '' ? { audience } : {}),
    maxTokenAgeSeconds: maxTokenAgeSecondsFrom(env),
  };
}

function trustProxyFrom(env: NodeJS.ProcessEnv): boolean | number | string {
  const raw = optionalEnv(env, 'TRUST_PROXY', 'false');
  if (raw === 'false') return false;
  if (raw === 'true') throw new ConfigError('TRUST_PROXY=true would trust any X-Forwarded-For; give a hop count or the proxies\' addresses');
  return /^\d+$/.test(raw) ? integerEnv(env, 'TRUST_PROXY', 0, { min: 0, max: 10 }) : raw;
}

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return {
    port: integerEnv(env, 'GATEWAY_PORT', 3000, { min: 0, max: 65535 }),
    kafkaBrokers: kafkaBrokersFrom(env),
    jwt: jwtConfigFrom(env),
    checkoutReplyTimeoutMs: integerEnv(env, 'CHECKOUT_REPLY_TIMEOUT_MS', 10_000, { min: 100, max: 120_000 }),
    rateLimit: {
      perUserPerMinute: integerEnv(env, 'RATE_LIMIT_PER_MINUTE', 120, { min: 1 }),
      perIpPerMinute: integerEnv(env, 'RATE_LIMIT_PER_IP_PER_MINUTE', 600, { min: 1 }),
    },
    trustProxy: trustProxyFrom(env),
    statusCheckIntervalMs: integerEnv(env, 'STATUS_CHECK_INTERVAL_MS', 30_000, { min: 0, max: 3_600_000 }),
    couponFailureLimit: {
      perUserPerMinute: integerEnv(env, 'RATE_LIMIT_COUPON_FAILURES_PER_MINUTE', 10, { min: 1 }),
      perIpPerMinute: integerEnv(env, 'RATE_LIMIT_COUPON_FAILURES_PER_IP_PER_MINUTE', 10, { min: 1 }),
    },
    jwksCache: {
      maxAgeMs: integerEnv(env, 'JWT_JWKS_CACHE_MAX_AGE_MS', 600_000, { min: 1_000, max: 86_400_000 }),
      cooldownMs: integerEnv(env, 'JWT_JWKS_COOLDOWN_MS', 30_000, { min: 0, max: 3_600_000 }),
    },
    databaseUrl: databaseUrl(env),
    web: loadWebConfig(env),
    services: loadServiceUrls(env),
    internalApiToken: internalApiTokenFrom(env),
  };
}
