import { createRemoteJWKSet } from 'jose';
import { GatewayConfig } from '../gateway.config';
import { TokenVerifier } from './token-verifier';

/**
 * The gateway's token verifier, with the identity provider's key set (JWT_JWKS_URL) fetched over
 * HTTP and cached as configured: a rotated-in key is fetched when a token first names it (at most
 * once per cooldown), a removed key stops working once the cached set is older than its maximum age.
 */
export function tokenVerifierFor(config: Pick<GatewayConfig, 'jwt' | 'jwksCache'>): TokenVerifier {
  const { jwksUrl, ...jwt } = config.jwt;
  if (!jwksUrl) return new TokenVerifier(jwt);
  const jwks = createRemoteJWKSet(new URL(jwksUrl), { cacheMaxAge: config.jwksCache.maxAgeMs, cooldownDuration: config.jwksCache.cooldownMs });
  return new TokenVerifier({ ...jwt, jwks });
}
