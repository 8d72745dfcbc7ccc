import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse, ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiGatewayTimeoutResponse, ApiHeader, ApiNotFoundResponse,
  ApiOkResponse, ApiOperation, ApiParam, ApiServiceUnavailableResponse, ApiTags, ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { SubscriptionCancelRequested, SubscriptionCheckoutRequested } from '@payments/contracts';
import type { Response } from 'express';
import { Authenticated } from '../auth/auth.decorators';
import { AuthenticatedRequest } from '../auth/jwt-auth.guard';
import { isAdmin } from '../auth/token-claims';
import { CheckoutRequester } from '../checkout/checkout-replies';
import { ErrorResponseDto } from '../error-response.dto';
import { GatewayError } from '../gateway.error';
import { IDEMPOTENCY_KEY_HEADER_DOC, IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { requestHash } from '../idempotency/request-hash';
import { requestIdOf } from '../request-id.middleware';
import { uuidParam } from '../uuid-param.pipe';
import { CancelSubscriptionDto, SubscriptionCheckoutRequestDto, SubscriptionListDto, SubscriptionViewDto } from './subscription.dto';
import { SubscriptionReadModel } from './subscription-read-model.repository';

/** Subscriptions: opened and canceled through checkout (which calls the provider), read from the gateway's own read model. */
@Controller('api/subscriptions')
@Authenticated()
@ApiTags('subscriptions')
export class SubscriptionsController {
  constructor(
    private readonly checkout: CheckoutRequester,
    private readonly readModel: SubscriptionReadModel,
  ) {}

  @Post('checkout')
  @ApiOperation({ summary: "Price a plan server-side and open a subscription at the provider (Stripe Checkout in subscription mode, Cashfree mandate)" })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER_DOC)
  @ApiCreatedResponse({ description: 'The subscription id and where to send the browser; a replay of the same key and body returns the stored answer byte for byte' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'REQUEST.INVALID (including any unknown property such as `amount`), IDEMPOTENCY.KEY_MISSING, IDEMPOTENCY.KEY_INVALID' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'CATALOG.PRODUCT_NOT_FOUND: no such plan' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'IDEMPOTENCY.IN_FLIGHT' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'IDEMPOTENCY.KEY_REUSED, PRICING.*, ROUTING.*' })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'SERVICE.UNAVAILABLE: Kafka did not take the request' })
  @ApiGatewayTimeoutResponse({ type: ErrorResponseDto, description: 'CHECKOUT.TIMEOUT: retry with the same Idempotency-Key' })
  async open(
    @Req() request: AuthenticatedRequest,
    @IdempotencyKey() idempotencyKey: string,
    @Body() dto: SubscriptionCheckoutRequestDto,
    @Res() response: Response,
  ): Promise<void> {
    const reply = await this.checkout.send(
      SubscriptionCheckoutRequested,
      request.user.id,
      {
        userId: request.user.id,
        idempotencyKey,
        requestHash: requestHash({ planId: dto.planId, currency: dto.currency ?? null, provider: dto.provider ?? null, customerPhone: dto.customerPhone ?? null }),
        planId: dto.planId,
        ...(dto.currency ? { currency: dto.currency } : {}),
        ...(dto.provider ? { providerPreference: dto.provider } : {}),
        ...(request.user.email ? { customerEmail: request.user.email } : {}),
        ...(dto.customerPhone ? { customerPhone: dto.customerPhone } : {}),
      },
      requestIdOf(request),
    );
    response.status(reply.statusCode).type('application/json').send(reply.body);
  }

  @Get()
  @ApiOperation({ summary: "The caller's subscriptions, newest first, at most 200 (admins: everyone's)" })
  @ApiOkResponse({ type: SubscriptionListDto })
  async list(@Req() request: AuthenticatedRequest): Promise<SubscriptionListDto> {
    return { subscriptions: await this.readModel.list(isAdmin(request.user) ? undefined : request.user.id) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One subscription of the caller (admins: any)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: SubscriptionViewDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: "SUBSCRIPTION.NOT_FOUND: no such subscription, or another user's" })
  async one(@Req() request: AuthenticatedRequest, @Param('id', uuidParam('id')) id: string): Promise<SubscriptionViewDto> {
    return this.visible(request, id);
  }

  @Post(':id/cancel')
  @HttpCode(202)
  @ApiOperation({ summary: 'Cancel at the end of the paid period (admins may end it at once with mode=immediately)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiAcceptedResponse({ description: 'The provider took the cancellation; the subscription changes when its webhook is applied' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'AUTH.FORBIDDEN: mode=immediately without the admin role' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: "SUBSCRIPTION.NOT_FOUND: no such subscription, or another user's" })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'SERVICE.UNAVAILABLE' })
  @ApiGatewayTimeoutResponse({ type: ErrorResponseDto, description: 'CHECKOUT.TIMEOUT: retrying is safe' })
  async cancel(
    @Req() request: AuthenticatedRequest,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: CancelSubscriptionDto,
    @Res() response: Response,
  ): Promise<void> {
    const mode = dto.mode ?? 'at-period-end';
    if (mode === 'immediately' && !isAdmin(request.user)) throw new GatewayError('AUTH.FORBIDDEN', 'only an admin may end a subscription at once');
    await this.visible(request, id);
    const reply = await this.checkout.send(SubscriptionCancelRequested, id, { subscriptionId: id, requestedBy: request.user.id, mode }, requestIdOf(request));
    response.status(reply.statusCode).type('application/json').send(reply.body);
  }

  private async visible(request: AuthenticatedRequest, id: string): Promise<SubscriptionViewDto> {
    const subscription = await this.readModel.findById(id);
    if (!subscription || (!isAdmin(request.user) && subscription.userId !== request.user.id)) {
      throw new GatewayError('SUBSCRIPTION.NOT_FOUND', `no subscription ${id}`);
    }
    return subscription;
  }
}
