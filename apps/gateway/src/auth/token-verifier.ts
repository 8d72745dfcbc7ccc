import { JWTVerifyGetKey, createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { ConfigError } from '@payments/nest-runtime';
import { GatewayError } from '../gateway.error';
import { JwtConfig } from '../gateway.config';
import { AuthenticatedUser, userFromClaims } from './token-claims';

export interface TokenVerifierOptions extends Omit<JwtConfig, 'jwksUrl'> {
  /** The identity provider's keys (`createRemoteJWKSet` in production). */
  readonly jwks?: JWTVerifyGetKey;
  /** The clock `exp`, `nbf` and `iat` are checked against; the system clock by default. */
  readonly now?: () => Date;
}

/** Seconds of clock skew tolerated on `exp`, `nbf` and `iat` (both its age and its being ahead of us). */
export const CLOCK_TOLERANCE_SECONDS = 5;

/** The identity provider's key set could not be had: its fault, not the token's. */
function keysUnavailable(error: unknown): boolean {
  if (!(error instanceof errors.JOSEError)) return true;
  // jose reports a non-200 JWKS answer as a generic JOSEError.
  return error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error.code === 'ERR_JOSE_GENERIC';
}

const unauthenticated = (message: string) => new GatewayError('AUTH.UNAUTHENTICATED', message);

/** What jose found wrong with `iat`: missing or not a number, ahead of our clock, or older than the maximum age. */
function issuedAtRefusal(error: errors.JWTClaimValidationFailed | errors.JWTExpired, maxTokenAgeSeconds: number): GatewayError {
  if (error instanceof errors.JWTExpired) {
    return unauthenticated(`the bearer token has expired: it was issued more than ${maxTokenAgeSeconds} s ago, the longest a token is accepted for`);
  }
  if (error.reason === 'missing') return unauthenticated('the bearer token has no issued-at time (iat), which is required to bound its age');
  if (error.reason === 'invalid') return unauthenticated('the bearer token issued-at time (iat) is not a number');
  return unauthenticated(`the bearer token was issued in the future: its iat is more than ${CLOCK_TOLERANCE_SECONDS} s ahead of our clock`);
}

function refusal(error: unknown, maxTokenAgeSeconds: number): GatewayError {
  if (error instanceof GatewayError) return error;
  if (keysUnavailable(error)) {
    return new GatewayError('SERVICE.UNAVAILABLE', 'the identity provider keys could not be fetched; retry shortly');
  }
  if ((error instanceof errors.JWTClaimValidationFailed || error instanceof errors.JWTExpired) && error.claim === 'iat') {
    return issuedAtRefusal(error, maxTokenAgeSeconds);
  }
  if (error instanceof errors.JWTExpired) return unauthenticated('the bearer token has expired');
  return unauthenticated('the bearer token is invalid');
}

/**
 * Verifies bearer tokens: HS256 with the shared secret, RS256 with the identity provider's JWKS,
 * whichever are configured (both, while moving from one to the other). Each algorithm only ever
 * meets its own key, so an HS256 token can never be checked against a public key. A token must
 * carry `iat`, not ahead of our clock and at most `maxTokenAgeSeconds` old, whatever its `exp`.
 */
export class TokenVerifier {
  private readonly secret?: Uint8Array;
  private readonly algorithms: string[];
  private readonly now: () => Date;

  constructor(private readonly options: TokenVerifierOptions) {
    // jose skips the age and issued-in-the-future checks altogether for a maxTokenAge of 0.
    if (!(options.maxTokenAgeSeconds > 0)) throw new ConfigError(`the maximum token age must be positive, got ${options.maxTokenAgeSeconds}`);
    this.secret = options.secret ? new TextEncoder().encode(options.secret) : undefined;
    this.algorithms = [...(this.secret ? ['HS256'] : []), ...(options.jwks ? ['RS256'] : [])];
    this.now = options.now ?? (() => new Date());
  }

  static fromConfig(config: JwtConfig): TokenVerifier {
    return new TokenVerifier({ ...config, ...(config.jwksUrl ? { jwks: createRemoteJWKSet(new URL(config.jwksUrl)) } : {}) });
  }

  async verify(token: string): Promise<AuthenticatedUser> {
    try {
      const { payload } = await jwtVerify(token, (header, jws) => this.keyFor(header.alg, header, jws), {
        algorithms: this.algorithms,
        requiredClaims: ['sub', 'exp'],
        // maxTokenAge also makes jose require `iat` and refuse one ahead of the clock tolerance.
        maxTokenAge: this.options.maxTokenAgeSeconds,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: this.now(),
        ...(this.options.issuer ? { issuer: this.options.issuer } : {}),
        ...(this.options.audience ? { audience: this.options.audience } : {}),
      });
      return userFromClaims(payload);
    } catch (error) {
      throw refusal(error, this.options.maxTokenAgeSeconds);
    }
  }

  private keyFor(alg: string | undefined, ...args: Parameters<JWTVerifyGetKey>) {
    if (alg === 'HS256' && this.secret) return this.secret;
    if (alg === 'RS256' && this.options.jwks) return this.options.jwks(...args);
    throw new GatewayError('AUTH.UNAUTHENTICATED', 'the bearer token is signed with an algorithm this gateway does not accept');
  }
}
