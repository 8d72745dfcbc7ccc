import { loadSandboxConfig } from './sandbox.config';

const env = { STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc', CASHFREE_APP_ID: 'cf_app_abc', CASHFREE_SECRET_KEY: 'cfsk_test_abc' };

describe('the sandbox configuration', () => {
  it('defaults to port 4010 on 127.0.0.1, no webhook endpoint, and 6 attempts backing off from 1 s', () => {
    expect(loadSandboxConfig(env)).toMatchObject({
      port: 4010,
      host: '127.0.0.1',
      stripe: { secretKey: 'sk_test_abc', webhookSecrets: ['whsec_abc'], webhookUrl: null },
      delivery: { schedule: { baseDelayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 6 }, attemptTimeoutMs: 10_000 },
    });
  });

  it('reads the port, the webhook URL, several signing secrets and the retry schedule from the environment', () => {
    const config = loadSandboxConfig({
      ...env, SANDBOX_PORT: '0', SANDBOX_STRIPE_WEBHOOK_URL: 'http://127.0.0.1:3001/webhooks/stripe', STRIPE_WEBHOOK_SECRET: 'whsec_new, whsec_old',
      SANDBOX_WEBHOOK_RETRY_BASE_MS: '200', SANDBOX_WEBHOOK_MAX_ATTEMPTS: '3',
    });
    expect(config).toMatchObject({
      port: 0,
      stripe: { webhookUrl: 'http://127.0.0.1:3001/webhooks/stripe', webhookSecrets: ['whsec_new', 'whsec_old'] },
      delivery: { schedule: { baseDelayMs: 200, maxAttempts: 3 } },
    });
  });

  it.each(['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'])('stops with a message naming a missing %s', (name) => {
    expect(() => loadSandboxConfig({ ...env, [name]: '' })).toThrow(`missing required configuration ${name}`);
  });

  it('reads the Cashfree credentials and webhook URL, and signs Cashfree webhooks as version 2023-08-01', () => {
    expect(loadSandboxConfig({ ...env, SANDBOX_CASHFREE_WEBHOOK_URL: 'http://127.0.0.1:3001/webhooks/cashfree' }).cashfree).toEqual({
      appId: 'cf_app_abc', secretKey: 'cfsk_test_abc', webhookUrl: 'http://127.0.0.1:3001/webhooks/cashfree', webhookVersion: '2023-08-01',
    });
    expect(loadSandboxConfig(env).cashfree.webhookUrl).toBeNull();
  });

  it.each(['CASHFREE_APP_ID', 'CASHFREE_SECRET_KEY'])('stops with a message naming a missing %s', (name) => {
    expect(() => loadSandboxConfig({ ...env, [name]: '' })).toThrow(`missing required configuration ${name}`);
  });

  it('refuses a Cashfree production secret and a malformed Cashfree webhook URL', () => {
    expect(() => loadSandboxConfig({ ...env, CASHFREE_SECRET_KEY: 'cfsk_ma_prod_abc' })).toThrow(/test secret/);
    expect(() => loadSandboxConfig({ ...env, SANDBOX_CASHFREE_WEBHOOK_URL: 'ftp://x' })).toThrow(/SANDBOX_CASHFREE_WEBHOOK_URL/);
  });

  it('refuses a live key and a malformed webhook secret or URL', () => {
    expect(() => loadSandboxConfig({ ...env, STRIPE_SECRET_KEY: 'sk_live_abc' })).toThrow(/test key/);
    expect(() => loadSandboxConfig({ ...env, STRIPE_WEBHOOK_SECRET: 'secret' })).toThrow(/whsec_/);
    expect(() => loadSandboxConfig({ ...env, SANDBOX_STRIPE_WEBHOOK_URL: 'ftp://x' })).toThrow(/SANDBOX_STRIPE_WEBHOOK_URL/);
  });
});
