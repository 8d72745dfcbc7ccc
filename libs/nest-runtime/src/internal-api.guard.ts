import { CanActivate, ExecutionContext, Injectable, UnauthorizedException, UseGuards } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ConfigError, optionalEnv } from './config';

/** The header every internal call carries: `Authorization: Bearer <INTERNAL_API_TOKEN>`. */
export const INTERNAL_API_HEADER = 'authorization';
const MIN_TOKEN_LENGTH = 32;

/**
 * The shared secret the services' internal endpoints (history, unmatched payments, parked messages,
 * reconciliation) require from their callers (the gateway's admin API, the operator CLIs). Required
 * with NODE_ENV=production; elsewhere, unset leaves those endpoints open on the loopback ports that
 * development uses. Read once at start-up.
 */
export function internalApiTokenFrom(env: NodeJS.ProcessEnv): string | null {
  const token = optionalEnv(env, 'INTERNAL_API_TOKEN', '');
  if (token === '') {
    if (optionalEnv(env, 'NODE_ENV', '') === 'production') {
      throw new ConfigError('missing required configuration INTERNAL_API_TOKEN: the internal endpoints must not be open with NODE_ENV=production');
    }
    return null;
  }
  if (token.length < MIN_TOKEN_LENGTH) throw new ConfigError(`INTERNAL_API_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters`);
  return token;
}

/** The headers an internal call sends: none when no token is configured. */
export function internalApiHeaders(token: string | null): Record<string, string> {
  return token === null ? {} : { [INTERNAL_API_HEADER]: `Bearer ${token}` };
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** True when `header` is `Bearer <token>`; compared in constant time. */
export function presentsInternalToken(header: string | undefined, token: string): boolean {
  const presented = /^Bearer (.+)$/.exec(header ?? '')?.[1];
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

/**
 * Instantiated when the app starts (Nest resolves route guards at init), so a production start
 * without the token stops there, naming the variable.
 */
@Injectable()
export class InternalApiGuard implements CanActivate {
  private readonly token = internalApiTokenFrom(process.env);

  canActivate(context: ExecutionContext): boolean {
    if (this.token === null) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
    if (presentsInternalToken(request.headers[INTERNAL_API_HEADER], this.token)) return true;
    throw new UnauthorizedException({ error: { code: 'INTERNAL_API.UNAUTHORIZED', message: 'this internal endpoint needs the INTERNAL_API_TOKEN bearer token' } });
  }
}

/** Marks a controller (or route) as internal: callers must present INTERNAL_API_TOKEN. */
export const InternalApi = (): ClassDecorator & MethodDecorator => UseGuards(InternalApiGuard);
