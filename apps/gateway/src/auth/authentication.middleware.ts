import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { TokenVerifier } from './token-verifier';

export interface AuthenticatedUser {
  readonly id: string;
  readonly roles: readonly string[];
  readonly email?: string;
}

export type AuthenticatedRequest = Request & { user: AuthenticatedUser };
type MaybeAuthenticated = Request & { user?: AuthenticatedUser; authError?: string };

/**
 * Verifies a bearer token when one is sent and attaches the user; it rejects nothing itself
 * (JwtAuthGuard does), so rate limiting can already count per verified user.
 */
@Injectable()
export class AuthenticationMiddleware implements NestMiddleware {
  constructor(@Inject(TokenVerifier) private readonly verifier: TokenVerifier) {}

  async use(request: Request, _response: Response, next: NextFunction): Promise<void> {
    const target = request as MaybeAuthenticated;
    const header = request.headers.authorization;
    if (header) {
      if (!header.startsWith('Bearer ')) {
        target.authError = 'the Authorization header must be "Bearer <token>"';
      } else {
        const verified = await this.verifier.verify(header.slice('Bearer '.length).trim());
        if ('user' in verified) target.user = verified.user;
        else target.authError = verified.error;
      }
    }
    next();
  }
}

export function authErrorOf(request: Request): string {
  return (request as MaybeAuthenticated).authError ?? 'a bearer token is required';
}

export function userOf(request: Request): AuthenticatedUser | undefined {
  return (request as MaybeAuthenticated).user;
}
