import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { GatewayError } from '../gateway.error';
import { AuthenticatedUser } from './token-claims';
import { TokenVerifier } from './token-verifier';

export type AuthenticatedRequest = Request & { user: AuthenticatedUser };

const BEARER = /^Bearer +(\S+)$/i;

/** Requires a valid bearer token and puts its user on the request; otherwise 401 AUTH.UNAUTHENTICATED. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(private readonly tokens: TokenVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw new GatewayError('AUTH.UNAUTHENTICATED', 'a bearer token is required');
    request.user = await this.tokens.verify(token);
    return true;
  }
}
