import { Inject, Injectable } from '@nestjs/common';
import { JWTPayload, JWTVerifyGetKey, createRemoteJWKSet, jwtVerify } from 'jose';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import type { AuthenticatedUser } from './authentication.middleware';

export type Verification = { user: AuthenticatedUser } | { error: string };

/** The user a verified token names: `sub`, optional `roles` (strings) and `email`. */
export function userFromClaims(payload: JWTPayload): AuthenticatedUser | null {
  if (typeof payload.sub !== 'string' || payload.sub.trim() === '') return null;
  const roles = Array.isArray(payload.roles) ? payload.roles.filter((role): role is string => typeof role === 'string') : [];
  const email = typeof payload.email === 'string' ? payload.email : undefined;
  return { id: payload.sub, roles, ...(email ? { email } : {}) };
}

/** HS256 with JWT_SECRET, or RS256/ES256 from JWT_JWKS_URL; issuer and audience checked when configured. */
@Injectable()
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    if (config.jwt.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(config.jwt.jwksUrl));
      this.algorithms = ['RS256', 'ES256'];
    } else {
      this.key = new TextEncoder().encode(config.jwt.secret as string);
      this.algorithms = ['HS256'];
    }
  }

  async verify(token: string): Promise<Verification> {
    try {
      const { payload } = await jwtVerify(token, this.key as Uint8Array, {
        algorithms: this.algorithms,
        ...(this.config.jwt.issuer ? { issuer: this.config.jwt.issuer } : {}),
        ...(this.config.jwt.audience ? { audience: this.config.jwt.audience } : {}),
      });
      const user = userFromClaims(payload);
      return user ? { user } : { error: 'the token has no subject' };
    } catch {
      return { error: 'the bearer token is invalid or expired' };
    }
  }
}
