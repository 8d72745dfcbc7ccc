import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { GatewayError } from '../gateway.error';
import { AuthenticatedUser } from './token-claims';
import { TokenVerifier } from './token-verifier';

export type AuthenticatedRequest = Request & { user: AuthenticatedUser };

const BEARER = /^Bearer +(\S+)$/i;

/** The token of `Authorization: Bearer <token>`, if the request carries one. */
export function bearerTokenOf(request: Request): string | undefined {
  return BEARER.exec(request.headers.authorization ?? '')?.[1];
}

/** Requires a valid bearer token and puts its user on the request; otherwise 401 AUTH.UNAUTHENTICATED. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(private readonly tokens: TokenVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerTokenOf(request);
    if (!token) throw new GatewayError('AUTH.UNAUTHENTICATED', 'a bearer token is required');
    request.user = await this.tokens.verify(token);
    return true;
  }
}
