import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError, optionalEnv } from '@payments/nest-runtime';

/** The web pages the gateway serves (storefront and operations console) and the development sign-in. */
export interface WebConfig {
  /**
   * DEV_SIGN_IN=true: the gateway issues RS256 tokens at POST /dev/sign-in and serves their key at
   * GET /dev/jwks.json, which it trusts only when JWT_JWKS_URL points there. Refused at start-up
   * when NODE_ENV=production.
   */
  readonly devSignIn: boolean;
  /** WEB_APP_DIR, default `dist/apps/web` of the repository (run from source or compiled): the built pages, served under /app/. */
  readonly appDir: string;
  /**
   * PROVIDER_PAGES_URL: where the hosted test payment pages are (`/pay/stripe/<id>`,
   * `/pay/cashfree/<order id>`). Default the provider-sandbox on SANDBOX_PORT outside production;
   * unset in production, where the storefront follows the provider's own redirect URL.
   */
  readonly providerPagesUrl: string | null;
}

/** The nearest folder above this file holding an `nx.json`: the repository, whether the gateway runs from source or from dist/. */
function repositoryRoot(from: string = __dirname): string {
  for (let folder = from; dirname(folder) !== folder; folder = dirname(folder)) {
    if (existsSync(join(folder, 'nx.json'))) return folder;
  }
  return process.cwd();
}

function providerPagesUrlFrom(env: NodeJS.ProcessEnv, production: boolean): string | null {
  const explicit = optionalEnv(env, 'PROVIDER_PAGES_URL', '');
  if (explicit !== '') {
    if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(explicit)) throw new ConfigError(`PROVIDER_PAGES_URL is not an http(s) URL: "${explicit}"`);
    return explicit.replace(/\/$/, '');
  }
  const sandboxPort = optionalEnv(env, 'SANDBOX_PORT', '');
  return !production && /^\d{1,5}$/.test(sandboxPort) ? `http://127.0.0.1:${sandboxPort}` : null;
}

export function loadWebConfig(env: NodeJS.ProcessEnv): WebConfig {
  const production = optionalEnv(env, 'NODE_ENV', '') === 'production';
  const devSignIn = optionalEnv(env, 'DEV_SIGN_IN', 'false');
  if (devSignIn !== 'true' && devSignIn !== 'false') throw new ConfigError(`DEV_SIGN_IN must be true or false, got "${devSignIn}"`);
  if (devSignIn === 'true' && production) {
    throw new ConfigError('DEV_SIGN_IN=true is for development only and cannot be enabled with NODE_ENV=production');
  }
  return {
    devSignIn: devSignIn === 'true',
    appDir: optionalEnv(env, 'WEB_APP_DIR', join(repositoryRoot(), 'dist', 'apps', 'web')),
    providerPagesUrl: providerPagesUrlFrom(env, production),
  };
}
