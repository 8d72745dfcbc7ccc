import { randomUUID } from 'node:crypto';
import { JWK, KeyLike, SignJWT, exportJWK, generateKeyPair } from 'jose';

/** How long a development token is good for (the gateway's JWT_MAX_AGE bounds it too). */
const TOKEN_LIFETIME = '12h';

export const DEV_TOKEN_ISSUER = 'urn:payments:dev-sign-in';

/**
 * A local identity provider for development: an RS256 key pair made at start-up (never stored), its
 * public half as a JWKS, and tokens for any user id. The gateway trusts these tokens only because
 * JWT_JWKS_URL points at its JWKS; a restart makes new keys, so old tokens stop working.
 */
export class DevTokenIssuer {
  private constructor(
    private readonly privateKey: KeyLike,
    private readonly publicJwk: JWK,
  ) {}

  static async create(): Promise<DevTokenIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = await exportJWK(publicKey);
    return new DevTokenIssuer(privateKey, { ...jwk, kid: randomUUID(), alg: 'RS256', use: 'sig' });
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  sign(userId: string, roles: readonly string[]): Promise<string> {
    return new SignJWT({ roles: [...roles] })
      .setProtectedHeader({ alg: 'RS256', kid: this.publicJwk.kid as string })
      .setIssuer(DEV_TOKEN_ISSUER)
      .setSubject(userId)
      .setIssuedAt()
      .setExpirationTime(TOKEN_LIFETIME)
      .sign(this.privateKey);
  }
}
