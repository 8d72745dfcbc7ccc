import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../error-response.dto';
import { GatewayError } from '../gateway.error';
import { SubscriptionListDto } from '../subscriptions/subscription.dto';
import { SubscriptionReadModel } from '../subscriptions/subscription-read-model.repository';
import { listFilterOf } from '../read-models/list-filter';
import { uuidParam } from '../uuid-param.pipe';
import { HistoryEventDto, JournalDto } from './admin-orders.dto';
import { AdminSubscriptionDetailDto, AdminSubscriptionQueryDto } from './admin-subscriptions.dto';
import { ServiceHttpClient } from './service-http.client';

/** The console's subscriptions: a filtered list from the gateway's read model, and one with its history and journals from order-ledger. */
@Controller('api/admin/subscriptions')
@AdminOnly()
@ApiTags('admin')
export class AdminSubscriptionsController {
  constructor(
    private readonly readModel: SubscriptionReadModel,
    private readonly services: ServiceHttpClient,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Subscriptions, newest first, filtered by status, provider, currency, user and placement time' })
  @ApiOkResponse({ type: SubscriptionListDto })
  async list(@Query() query: AdminSubscriptionQueryDto): Promise<SubscriptionListDto> {
    return { subscriptions: await this.readModel.search(listFilterOf(query)) };
  }

  @Get(':id')
  @ApiOperation({ summary: "One subscription with its full event history (order-ledger's event store) and its ledger journals" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: AdminSubscriptionDetailDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'SUBSCRIPTION.NOT_FOUND' })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'SERVICE.UNAVAILABLE: order-ledger did not answer' })
  async one(@Param('id', uuidParam('id')) id: string): Promise<AdminSubscriptionDetailDto> {
    const subscriptionId = id.toLowerCase();
    const subscription = await this.readModel.findById(subscriptionId);
    if (!subscription) throw new GatewayError('SUBSCRIPTION.NOT_FOUND', `no subscription ${subscriptionId}`);
    const history = await this.services.json<{ events: HistoryEventDto[]; journals: JournalDto[] }>('order-ledger', `/subscriptions/${subscriptionId}/history`);
    return { subscription, events: history?.events ?? [], journals: history?.journals ?? [] };
  }
}
