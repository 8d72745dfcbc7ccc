import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DATABASE } from '@payments/nest-runtime';
import { Database } from '@payments/persistence';
import { AdminOnly } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../error-response.dto';
import { GatewayError } from '../gateway.error';
import { OrderReadModel } from '../orders/order-read-model.repository';
import { OrderListDto } from '../orders/order-view.dto';
import { listFilterOf } from '../read-models/list-filter';
import { uuidParam } from '../uuid-param.pipe';
import { AdminOrderDetailDto, AdminOrderQueryDto, HistoryEventDto, JournalDto } from './admin-orders.dto';
import { searchOrders } from './admin-orders.query';
import { ServiceHttpClient } from './service-http.client';

/** The console's orders: a filtered list from the gateway's read model, and one order with its history and journals from order-ledger. */
@Controller('api/admin/orders')
@AdminOnly()
@ApiTags('admin')
export class AdminOrdersController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly readModel: OrderReadModel,
    private readonly services: ServiceHttpClient,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Orders, newest first, filtered by status, provider, currency, user, placement time and review flag' })
  @ApiOkResponse({ type: OrderListDto })
  async list(@Query() query: AdminOrderQueryDto): Promise<OrderListDto> {
    const needsReview = query.needsReview === undefined ? undefined : query.needsReview === 'true';
    return { orders: await searchOrders(this.db, { ...listFilterOf(query), needsReview }) };
  }

  @Get(':id')
  @ApiOperation({ summary: "One order with its full event history (order-ledger's event store) and its ledger journals" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: AdminOrderDetailDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'ORDER.NOT_FOUND' })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'SERVICE.UNAVAILABLE: order-ledger did not answer' })
  async one(@Param('id', uuidParam('id')) id: string): Promise<AdminOrderDetailDto> {
    const orderId = id.toLowerCase();
    const order = await this.readModel.findById(orderId);
    if (!order) throw new GatewayError('ORDER.NOT_FOUND', `no order ${orderId}`);
    // Every order the read model shows has a stream; should order-ledger not know it (yet), the lists are empty.
    const history = await this.services.json<{ events: HistoryEventDto[]; journals: JournalDto[] }>('order-ledger', `/orders/${orderId}/history`);
    return { order, events: history?.events ?? [], journals: history?.journals ?? [] };
  }
}
