import { UseGuards, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { UserRateLimitGuard } from '../rate-limit/rate-limit.guard';
import { ErrorResponseDto } from '../error-response.dto';
import { AdminGuard } from './admin.guard';
import { JwtAuthGuard } from './jwt-auth.guard';

/** The route needs a valid bearer token; the caller's requests count against their per-user limit. */
export function Authenticated(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseGuards(JwtAuthGuard, UserRateLimitGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'AUTH.UNAUTHENTICATED: no, malformed, expired or wrongly signed token' }),
    ApiTooManyRequestsResponse({ type: ErrorResponseDto, description: 'RATE_LIMITED, with Retry-After' }),
  );
}

/** The route needs a valid bearer token holding the admin role (401 without a token, 403 without the role). */
export function AdminOnly(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseGuards(JwtAuthGuard, UserRateLimitGuard, AdminGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'AUTH.UNAUTHENTICATED' }),
    ApiForbiddenResponse({ type: ErrorResponseDto, description: 'AUTH.FORBIDDEN: the token has no admin role' }),
    ApiTooManyRequestsResponse({ type: ErrorResponseDto, description: 'RATE_LIMITED, with Retry-After' }),
  );
}
