import { join } from 'node:path';
import { loadGatewayConfig } from './gateway.config';

const secret = 'a-test-secret-that-is-long-enough-0123456789';
const internalToken = 'an-internal-token-that-is-long-enough-0123456789';

describe('the gateway configuration', () => {
  it('stops naming both variables when neither JWT_SECRET nor JWT_JWKS_URL is set', () => {
    expect(() => loadGatewayConfig({})).toThrow('missing required configuration JWT_SECRET or JWT_JWKS_URL');
  });

  it('refuses an HS256 secret shorter than 32 bytes', () => {
    expect(() => loadGatewayConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET must be at least 32 bytes/);
  });

  it('accepts a JWKS URL alone, with the issuer and audience to check', () => {
    const config = loadGatewayConfig({ JWT_JWKS_URL: 'https://id.example/.well-known/jwks.json', JWT_ISSUER: 'https://id.example/', JWT_AUDIENCE: 'payments' });
    expect(config.jwt).toEqual({
      jwksUrl: 'https://id.example/.well-known/jwks.json', issuer: 'https://id.example/', audience: 'payments', maxTokenAgeSeconds: 86_400,
    });
  });

  it('refuses a JWKS URL that is not an http(s) URL', () => {
    expect(() => loadGatewayConfig({ JWT_JWKS_URL: 'id.example/jwks' })).toThrow(/JWT_JWKS_URL is not a URL/);
    expect(() => loadGatewayConfig({ JWT_JWKS_URL: 'file:///etc/jwks.json' })).toThrow(/JWT_JWKS_URL must be an http\(s\) URL/);
  });

  it('bounds token age to 24 hours unless JWT_MAX_AGE says otherwise, in seconds or with a unit', () => {
    expect(loadGatewayConfig({ JWT_SECRET: secret }).jwt.maxTokenAgeSeconds).toBe(86_400);
    const maxAge = (JWT_MAX_AGE: string) => loadGatewayConfig({ JWT_SECRET: secret, JWT_MAX_AGE }).jwt.maxTokenAgeSeconds;
    expect([maxAge('3600'), maxAge('45s'), maxAge('90m'), maxAge('1h'), maxAge('12 h'), maxAge('7d'), maxAge('30d')])
      .toEqual([3_600, 45, 5_400, 3_600, 43_200, 604_800, 2_592_000]);
  });

  it.each(['0', '0h', '-60', '1.5h', '1y', 'a day', '31d', '9999999999'])('stops naming JWT_MAX_AGE when it is %p', (value) => {
    expect(() => loadGatewayConfig({ JWT_SECRET: secret, JWT_MAX_AGE: value })).toThrow(`JWT_MAX_AGE must be a duration from 1 s to 30 d, in seconds or with a unit (90m, 24h, 7d), got "${value}"`);
  });

  it('reads the rate limits, with defaults, and refuses a zero limit', () => {
    expect(loadGatewayConfig({ JWT_SECRET: secret }).rateLimit).toEqual({ perUserPerMinute: 120, perIpPerMinute: 600 });
    expect(loadGatewayConfig({ JWT_SECRET: secret, RATE_LIMIT_PER_MINUTE: '5', RATE_LIMIT_PER_IP_PER_MINUTE: '9' }).rateLimit)
      .toEqual({ perUserPerMinute: 5, perIpPerMinute: 9 });
    expect(() => loadGatewayConfig({ JWT_SECRET: secret, RATE_LIMIT_PER_MINUTE: '0' })).toThrow(/RATE_LIMIT_PER_MINUTE must be an integer >= 1/);
  });

  it('trusts no proxy by default, a hop count or named addresses when told, and refuses to trust every proxy', () => {
    expect(loadGatewayConfig({ JWT_SECRET: secret }).trustProxy).toBe(false);
    expect(loadGatewayConfig({ JWT_SECRET: secret, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadGatewayConfig({ JWT_SECRET: secret, TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(() => loadGatewayConfig({ JWT_SECRET: secret, TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=true/);
  });

  it('limits failed coupon lookups to 10 a minute per user and per address unless told otherwise', () => {
    expect(loadGatewayConfig({ JWT_SECRET: secret }).couponFailureLimit).toEqual({ perUserPerMinute: 10, perIpPerMinute: 10 });
    const limits = loadGatewayConfig({ JWT_SECRET: secret, RATE_LIMIT_COUPON_FAILURES_PER_MINUTE: '3', RATE_LIMIT_COUPON_FAILURES_PER_IP_PER_MINUTE: '7' });
    expect(limits.couponFailureLimit).toEqual({ perUserPerMinute: 3, perIpPerMinute: 7 });
    expect(() => loadGatewayConfig({ JWT_SECRET: secret, RATE_LIMIT_COUPON_FAILURES_PER_MINUTE: '0' })).toThrow(/RATE_LIMIT_COUPON_FAILURES_PER_MINUTE must be an integer >= 1/);
  });

  it("caches the identity provider's key set for 10 minutes and fetches it again for an unknown key at most every 30 s, unless told otherwise", () => {
    expect(loadGatewayConfig({ JWT_SECRET: secret }).jwksCache).toEqual({ maxAgeMs: 600_000, cooldownMs: 30_000 });
    const cache = loadGatewayConfig({ JWT_SECRET: secret, JWT_JWKS_CACHE_MAX_AGE_MS: '5000', JWT_JWKS_COOLDOWN_MS: '0' }).jwksCache;
    expect(cache).toEqual({ maxAgeMs: 5_000, cooldownMs: 0 });
    expect(() => loadGatewayConfig({ JWT_SECRET: secret, JWT_JWKS_CACHE_MAX_AGE_MS: '10' })).toThrow(/JWT_JWKS_CACHE_MAX_AGE_MS must be an integer >= 1000/);
  });
});

describe('the development sign-in', () => {
  it('is off unless DEV_SIGN_IN=true', () => {
    expect(loadGatewayConfig({ JWT_SECRET: secret }).web.devSignIn).toBe(false);
    expect(loadGatewayConfig({ JWT_SECRET: secret, DEV_SIGN_IN: 'true' }).web.devSignIn).toBe(true);
  });

  it('cannot be enabled by a production configuration', () => {
    expect(() => loadGatewayConfig({ JWT_SECRET: secret, NODE_ENV: 'production', INTERNAL_API_TOKEN: internalToken, DEV_SIGN_IN: 'true' }))
      .toThrow('DEV_SIGN_IN=true is for development only and cannot be enabled with NODE_ENV=production');
    expect(loadGatewayConfig({ JWT_SECRET: secret, NODE_ENV: 'production', INTERNAL_API_TOKEN: internalToken }).web.devSignIn).toBe(false);
  });

  it('refuses a DEV_SIGN_IN that is neither true nor false', () => {
    expect(() => loadGatewayConfig({ JWT_SECRET: secret, DEV_SIGN_IN: 'yes' })).toThrow(/DEV_SIGN_IN must be true or false/);
  });
});

describe('the web pages and the services the admin API reads', () => {
  it('points the hosted payment pages at the sandbox outside production only', () => {
    expect(loadGatewayConfig({ JWT_SECRET: secret, SANDBOX_PORT: '4010' }).web.providerPagesUrl).toBe('http://127.0.0.1:4010');
    expect(loadGatewayConfig({ JWT_SECRET: secret, SANDBOX_PORT: '4010', NODE_ENV: 'production', INTERNAL_API_TOKEN: internalToken }).web.providerPagesUrl).toBeNull();
    expect(loadGatewayConfig({ JWT_SECRET: secret, PROVIDER_PAGES_URL: 'https://pay.example/' }).web.providerPagesUrl).toBe('https://pay.example');
  });

  it('presents INTERNAL_API_TOKEN to the services, and a production configuration cannot leave it out', () => {
    expect(loadGatewayConfig({ JWT_SECRET: secret, INTERNAL_API_TOKEN: internalToken }).internalApiToken).toBe(internalToken);
    expect(loadGatewayConfig({ JWT_SECRET: secret }).internalApiToken).toBeNull();
    expect(() => loadGatewayConfig({ JWT_SECRET: secret, NODE_ENV: 'production' })).toThrow(/missing required configuration INTERNAL_API_TOKEN/);
  });

  it('finds each service on its port variable unless its URL is given', () => {
    const services = loadGatewayConfig({ JWT_SECRET: secret, ORDER_LEDGER_PORT: '13003', CHECKOUT_URL: 'http://checkout.internal:8080' }).services;
    expect(services).toMatchObject({ 'order-ledger': 'http://127.0.0.1:13003', checkout: 'http://checkout.internal:8080', entitlements: 'http://127.0.0.1:3004' });
    expect(() => loadGatewayConfig({ JWT_SECRET: secret, ORDER_LEDGER_URL: 'http://x/path' })).toThrow(/ORDER_LEDGER_URL must be an http\(s\) base URL/);
  });
});

describe('where the built web pages are', () => {
  it("defaults to the repository's dist/apps/web, and WEB_APP_DIR moves it", () => {
    expect(loadGatewayConfig({ JWT_SECRET: secret }).web.appDir).toBe(join(__dirname, '..', '..', '..', 'dist', 'apps', 'web'));
    expect(loadGatewayConfig({ JWT_SECRET: secret, WEB_APP_DIR: '/srv/web' }).web.appDir).toBe('/srv/web');
  });
});
