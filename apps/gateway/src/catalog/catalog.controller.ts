import { randomUUID } from 'node:crypto';
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { CatalogQuoteRequested } from '@payments/contracts';
import {
  ApiBadRequestResponse, ApiGatewayTimeoutResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ErrorResponseDto } from '../error-response.dto';
import { CouponFailureLimiter } from '../rate-limit/coupon-failure.limiter';
import { requestIdOf } from '../request-id.middleware';
import { CheckoutReply, CheckoutRequester } from '../checkout/checkout-replies';
import { isCouponRefusal } from '../checkout/coupon-refusal';
import { CatalogDto, CatalogQueryDto } from './catalog-query.dto';

/** The storefront's catalog: public, priced by checkout (request-reply over Kafka) exactly as a checkout would be. */
@Controller('api/catalog')
@ApiTags('catalog')
export class CatalogController {
  constructor(
    private readonly checkout: CheckoutRequester,
    private readonly couponFailures: CouponFailureLimiter,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every product on sale, priced for one unit in the currency, with a coupon applied when named (a preview: nothing is redeemed)' })
  @ApiOkResponse({ type: CatalogDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'REQUEST.INVALID' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'PRICING.COUPON_NOT_FOUND' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'PRICING.COUPON_* (expired, not yet valid, used up, for another currency), ROUTING.*' })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto, description: 'RATE_LIMITED: the per-address limit, or too many coupon codes that could not be used' })
  @ApiGatewayTimeoutResponse({ type: ErrorResponseDto, description: 'CHECKOUT.TIMEOUT' })
  async catalog(@Req() request: Request, @Query() query: CatalogQueryDto, @Res() response: Response): Promise<void> {
    const address = request.ip ?? 'unknown';
    // Anonymous: the address stands in for the user, so coupon guessing is limited per address.
    const couponAttempt = query.couponCode ? await this.couponFailures.begin({ userId: `address:${address}`, address }) : null;
    let reply: CheckoutReply | undefined;
    try {
      // Keyed at random: quotes need no order among themselves, so they spread over the partitions.
      reply = await this.checkout.send(CatalogQuoteRequested, randomUUID(), {
        ...(query.currency ? { currency: query.currency } : {}), ...(query.couponCode ? { couponCode: query.couponCode } : {}),
      }, requestIdOf(request));
    } finally {
      if (couponAttempt) await this.couponFailures.settle(couponAttempt, { refused: reply !== undefined && isCouponRefusal(reply) });
    }
    response.status(reply.statusCode).type('application/json').send(reply.body);
  }
}
