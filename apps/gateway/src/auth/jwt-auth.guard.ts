import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { jwtVerify } from 'jose';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';

export interface AuthenticatedUser {
  readonly id: string;
  readonly roles: readonly string[];
  readonly email?: string;
}

export type AuthenticatedRequest = Request & { user: AuthenticatedUser };

function unauthorized(message: string): UnauthorizedException {
  return new UnauthorizedException({ error: { code: 'AUTH.UNAUTHENTICATED', message } });
}

/** Bearer JWT (HS256 with JWT_SECRET): `sub` is the user, `roles` may hold 'admin'. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly key: Uint8Array;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.key = new TextEncoder().encode(config.jwtSecret);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (!header || !header.startsWith('Bearer ')) throw unauthorized('a bearer token is required');
    try {
      const { payload } = await jwtVerify(header.slice('Bearer '.length).trim(), this.key, { algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || payload.sub === '') throw unauthorized('the token has no subject');
      const roles = Array.isArray(payload.roles) ? payload.roles.filter((role): role is string => typeof role === 'string') : [];
      const email = typeof payload.email === 'string' ? payload.email : undefined;
      request.user = { id: payload.sub, roles, email };
      return true;
    } catch (error) {
      if (error instanceof UnauthorizedException) throw error;
      throw unauthorized('the bearer token is invalid or expired');
    }
  }
}
