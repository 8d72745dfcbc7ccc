import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModuleOptions, ThrottlerRequest } from '@nestjs/throttler';
import { GatewayError } from '../gateway.error';
import { RateLimitConfig } from '../gateway.config';
import { AuthenticatedRequest } from '../auth/jwt-auth.guard';

const MINUTE_MS = 60_000;
/** Probes and scrapes are never limited. */
const EXEMPT_PATH = /^\/(health(\/|$)|metrics$)/;

export function throttlerOptions(limits: RateLimitConfig): ThrottlerModuleOptions {
  return {
    setHeaders: false,
    throttlers: [
      { name: 'ip', ttl: MINUTE_MS, limit: limits.perIpPerMinute },
      { name: 'user', ttl: MINUTE_MS, limit: limits.perUserPerMinute },
    ],
  };
}

/** One throttler of the module's two, counted across all routes, refusing with 429 RATE_LIMITED + Retry-After. */
abstract class NamedThrottlerGuard extends ThrottlerGuard {
  protected abstract readonly throttlerName: 'ip' | 'user';

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    if (request.throttler.name !== this.throttlerName) return true;
    return super.handleRequest(request);
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new GatewayError('RATE_LIMITED', `more than ${detail.limit} requests a minute; retry after the time in Retry-After`, Math.max(1, detail.timeToBlockExpire));
  }
}

/** Global: every request counts against its client address (TRUST_PROXY decides what that is). */
@Injectable()
export class IpRateLimitGuard extends NamedThrottlerGuard {
  protected readonly throttlerName = 'ip';

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return EXEMPT_PATH.test(context.switchToHttp().getRequest<AuthenticatedRequest>().path);
  }
}

/** After JwtAuthGuard: an authenticated caller's requests count against their user id, whatever their address. */
@Injectable()
export class UserRateLimitGuard extends NamedThrottlerGuard {
  protected readonly throttlerName = 'user';

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return !context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    return (request as unknown as AuthenticatedRequest).user.id;
  }
}
