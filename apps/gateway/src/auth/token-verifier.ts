import { JWTVerifyGetKey, createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { GatewayError } from '../gateway.error';
import { JwtConfig } from '../gateway.config';
import { AuthenticatedUser, userFromClaims } from './token-claims';

export interface TokenVerifierOptions extends Omit<JwtConfig, 'jwksUrl'> {
  /** The identity provider's keys (`createRemoteJWKSet` in production). */
  readonly jwks?: JWTVerifyGetKey;
}

/** Seconds of clock skew tolerated on `exp`, `nbf` and `iat`. */
const CLOCK_TOLERANCE_SECONDS = 5;

/** The identity provider's key set could not be had: its fault, not the token's. */
function keysUnavailable(error: unknown): boolean {
  if (!(error instanceof errors.JOSEError)) return true;
  // jose reports a non-200 JWKS answer as a generic JOSEError.
  return error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error.code === 'ERR_JOSE_GENERIC';
}

function refusal(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  if (keysUnavailable(error)) {
    return new GatewayError('SERVICE.UNAVAILABLE', 'the identity provider keys could not be fetched; retry shortly');
  }
  if (error instanceof errors.JWTExpired) return new GatewayError('AUTH.UNAUTHENTICATED', 'the bearer token has expired');
  return new GatewayError('AUTH.UNAUTHENTICATED', 'the bearer token is invalid');
}

/**
 * Verifies bearer tokens: HS256 with the shared secret, RS256 with the identity provider's JWKS,
 * whichever are configured (both, while moving from one to the other). Each algorithm only ever
 * meets its own key, so an HS256 token can never be checked against a public key.
 */
export class TokenVerifier {
  private readonly secret?: Uint8Array;
  private readonly algorithms: string[];

  constructor(private readonly options: TokenVerifierOptions) {
    this.secret = options.secret ? new TextEncoder().encode(options.secret) : undefined;
    this.algorithms = [...(this.secret ? ['HS256'] : []), ...(options.jwks ? ['RS256'] : [])];
  }

  static fromConfig(config: JwtConfig): TokenVerifier {
    return new TokenVerifier({ ...config, ...(config.jwksUrl ? { jwks: createRemoteJWKSet(new URL(config.jwksUrl)) } : {}) });
  }

  async verify(token: string): Promise<AuthenticatedUser> {
    try {
      const { payload } = await jwtVerify(token, (header, jws) => this.keyFor(header.alg, header, jws), {
        algorithms: this.algorithms,
        requiredClaims: ['sub', 'exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        ...(this.options.issuer ? { issuer: this.options.issuer } : {}),
        ...(this.options.audience ? { audience: this.options.audience } : {}),
      });
      return userFromClaims(payload);
    } catch (error) {
      throw refusal(error);
    }
  }

  private keyFor(alg: string | undefined, ...args: Parameters<JWTVerifyGetKey>) {
    if (alg === 'HS256' && this.secret) return this.secret;
    if (alg === 'RS256' && this.options.jwks) return this.options.jwks(...args);
    throw new GatewayError('AUTH.UNAUTHENTICATED', 'the bearer token is signed with an algorithm this gateway does not accept');
  }
}
