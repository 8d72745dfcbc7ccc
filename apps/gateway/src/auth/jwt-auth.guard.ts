import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { authErrorOf, userOf } from './authentication.middleware';

export type { AuthenticatedRequest, AuthenticatedUser } from './authentication.middleware';

/** 401 unless AuthenticationMiddleware verified a bearer token. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (!userOf(request)) throw new UnauthorizedException({ error: { code: 'AUTH.UNAUTHENTICATED', message: authErrorOf(request) } });
    return true;
  }
}

/** 401 without a valid token, 403 for a valid token without the `admin` role. */
@Injectable()
export class AdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const user = userOf(request);
    if (!user) throw new UnauthorizedException({ error: { code: 'AUTH.UNAUTHENTICATED', message: authErrorOf(request) } });
    if (!user.roles.includes('admin')) throw new ForbiddenException({ error: { code: 'AUTH.FORBIDDEN', message: 'this action needs the admin role' } });
    return true;
  }
}
