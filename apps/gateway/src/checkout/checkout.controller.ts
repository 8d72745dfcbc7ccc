import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiGatewayTimeoutResponse, ApiHeader, ApiNotFoundResponse, ApiOperation,
  ApiServiceUnavailableResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnprocessableEntityResponse, ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Authenticated } from '../auth/auth.decorators';
import { AuthenticatedRequest } from '../auth/jwt-auth.guard';
import { ErrorResponseDto } from '../error-response.dto';
import { IDEMPOTENCY_KEY_HEADER_DOC, IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { requestIdOf } from '../request-id.middleware';
import { forwardedIdentifier } from '../request-body/client-text';
import { CouponFailureLimiter } from '../rate-limit/coupon-failure.limiter';
import { CheckoutReply, CheckoutRequester } from './checkout-replies';
import { checkoutRequestHash } from './checkout-request-hash';
import { CheckoutRequestDto, CheckoutResponseDto } from './checkout-request.dto';
import { isCouponRefusal } from './coupon-refusal';

@Controller('api/payments')
@Authenticated()
@ApiTags('payments')
export class CheckoutController {
  constructor(
    private readonly checkout: CheckoutRequester,
    private readonly couponFailures: CouponFailureLimiter,
  ) {}

  @Post('checkout')
  @ApiOperation({ summary: 'Price a purchase server-side and open a payment session (the body never carries an amount)' })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER_DOC)
  @ApiCreatedResponse({ type: CheckoutResponseDto, description: 'A replay of the same key and body returns the stored answer byte for byte' })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'REQUEST.INVALID (including any unknown property such as `amount`, malformed JSON, JSON nested too deep), IDEMPOTENCY.KEY_MISSING, IDEMPOTENCY.KEY_INVALID',
  })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorResponseDto, description: 'REQUEST.UNSUPPORTED_MEDIA_TYPE: the body is not UTF-8 application/json' })
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description: 'RATE_LIMITED, with Retry-After: the request limits, or too many coupon codes that could not be used (a request without a coupon is not held back by those)',
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'CATALOG.PRODUCT_NOT_FOUND, PRICING.COUPON_NOT_FOUND' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'IDEMPOTENCY.IN_FLIGHT' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'IDEMPOTENCY.KEY_REUSED, PRICING.*, ROUTING.*' })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'SERVICE.UNAVAILABLE: Kafka did not take the request' })
  @ApiGatewayTimeoutResponse({ type: ErrorResponseDto, description: 'CHECKOUT.TIMEOUT: retry with the same Idempotency-Key' })
  async open(
    @Req() request: AuthenticatedRequest,
    @IdempotencyKey() idempotencyKey: string,
    @Body() dto: CheckoutRequestDto,
    @Res() response: Response,
  ): Promise<void> {
    const couponAttempt = dto.couponCode ? await this.couponFailures.begin({ userId: request.user.id, address: request.ip ?? 'unknown' }) : null;
    let reply: CheckoutReply | undefined;
    try {
      reply = await this.checkout.request(
        {
          userId: request.user.id,
          idempotencyKey,
          requestHash: checkoutRequestHash(dto),
          productId: forwardedIdentifier(dto.productId),
          quantity: dto.quantity ?? 1,
          ...(dto.currency ? { currency: dto.currency } : {}),
          ...(dto.couponCode ? { couponCode: forwardedIdentifier(dto.couponCode) } : {}),
          ...(dto.provider ? { providerPreference: dto.provider } : {}),
          ...(request.user.email ? { customerEmail: request.user.email } : {}),
        },
        requestIdOf(request),
      );
    } finally {
      if (couponAttempt) await this.couponFailures.settle(couponAttempt, { refused: reply !== undefined && isCouponRefusal(reply) });
    }
    // The stored body, byte for byte: a replay is indistinguishable from the first answer.
    response.status(reply.statusCode).type('application/json').send(reply.body);
  }
}
