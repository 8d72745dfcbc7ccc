import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { GatewayError } from '../gateway.error';
import { AuthenticatedRequest } from './jwt-auth.guard';
import { ADMIN_ROLE, isAdmin } from './token-claims';

/** After JwtAuthGuard: the caller must hold the admin role, else 403 AUTH.FORBIDDEN. */
@Injectable()
export class AdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const { user } = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!user || !isAdmin(user)) throw new GatewayError('AUTH.FORBIDDEN', `this operation needs the ${ADMIN_ROLE} role`);
    return true;
  }
}
