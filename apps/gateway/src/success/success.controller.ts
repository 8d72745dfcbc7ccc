import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiQuery, ApiTags,
  ApiTooManyRequestsResponse, ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { bearerTokenOf } from '../auth/jwt-auth.guard';
import { TokenVerifier } from '../auth/token-verifier';
import { ErrorResponseDto } from '../error-response.dto';
import { requestIdOf } from '../request-id.middleware';
import { uuidParam } from '../uuid-param.pipe';
import { PaymentStatusCheckService } from './payment-status-check.service';
import { renderReturnPage } from './return-page.view';

class ReturnedOrderStatusDto {
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ example: 'pending' }) status!: string;
  @ApiProperty({ description: 'Pending: checkout looks the payment up at the provider (at most once per order per interval)' })
  statusCheckRequested!: boolean;
}

/**
 * The browser's return from the provider. Unauthenticated (a browser back from Stripe carries no
 * bearer) and rate-limited per client address; it shows only the order's id and status, and never
 * marks anything paid: for a pending order it asks checkout to look the payment up server-side.
 * The order id is the buyer's secret (checkout derives it with a key of its own, so it cannot be
 * computed from a user id and an Idempotency-Key); a caller who sends a bearer token learns nothing
 * of another user's order: it is a 404 like an unknown one.
 */
@Controller()
@ApiTags('payments')
export class SuccessController {
  constructor(
    private readonly statusChecks: PaymentStatusCheckService,
    private readonly tokens: TokenVerifier,
  ) {}

  @Get('success')
  @ApiOperation({ summary: "Return page after paying: the order's current status; a pending order gets a server-side status check" })
  @ApiQuery({ name: 'order_id', format: 'uuid', required: true })
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({ type: ReturnedOrderStatusDto, description: 'JSON, or a small HTML page when the client accepts text/html' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'REQUEST.INVALID: order_id is missing or not a UUID' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: "ORDER.NOT_FOUND: no such order, or (with a bearer token) another user's" })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'AUTH.UNAUTHENTICATED: a bearer token was sent and is not valid (none is needed)' })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto, description: 'RATE_LIMITED, with Retry-After' })
  async returned(@Query('order_id', uuidParam('order_id')) orderId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const token = bearerTokenOf(request);
    const viewer = token ? await this.tokens.verify(token) : undefined;
    const order = await this.statusChecks.returnedFromProvider(orderId.toLowerCase(), requestIdOf(request), viewer);
    response.setHeader('Cache-Control', 'no-store');
    response.vary('Accept');
    if (request.accepts(['json', 'html']) === 'html') {
      response.setHeader('Content-Security-Policy', "default-src 'none'");
      response.status(200).type('html').send(renderReturnPage(order));
    } else {
      response.status(200).json(order);
    }
  }
}
