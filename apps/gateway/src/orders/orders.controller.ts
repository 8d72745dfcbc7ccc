import { Controller, Get, Param, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/auth.decorators';
import { AuthenticatedRequest } from '../auth/jwt-auth.guard';
import { isAdmin } from '../auth/token-claims';
import { ErrorResponseDto } from '../error-response.dto';
import { GatewayError } from '../gateway.error';
import { uuidParam } from '../uuid-param.pipe';
import { OrderReadModel } from './order-read-model.repository';
import { EntitlementListDto, OrderListDto, OrderViewDto } from './order-view.dto';

/** Orders and entitlements from the gateway's own read models. Another user's order is a 404, never a 403. */
@Controller('api')
@Authenticated()
@ApiTags('orders')
export class OrdersController {
  constructor(private readonly readModel: OrderReadModel) {}

  @Get('orders/:id')
  @ApiOperation({ summary: 'One order of the caller (admins: any order)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: OrderViewDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'REQUEST.INVALID: the id is not a UUID' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: "ORDER.NOT_FOUND: no such order, or another user's" })
  async one(@Req() request: AuthenticatedRequest, @Param('id', uuidParam('id')) id: string): Promise<OrderViewDto> {
    const order = await this.readModel.findById(id);
    if (!order || (!isAdmin(request.user) && order.userId !== request.user.id)) {
      throw new GatewayError('ORDER.NOT_FOUND', `no order ${id}`);
    }
    return order;
  }

  @Get('orders')
  @ApiOperation({ summary: "The caller's orders, newest first, at most 200 (admins: all orders)" })
  @ApiOkResponse({ type: OrderListDto })
  async list(@Req() request: AuthenticatedRequest): Promise<OrderListDto> {
    return { orders: isAdmin(request.user) ? await this.readModel.listAll() : await this.readModel.listForUser(request.user.id) };
  }

  @Get('entitlements')
  @ApiOperation({ summary: "The caller's entitlements (courses and plans they may access)" })
  @ApiOkResponse({ type: EntitlementListDto })
  entitlements(@Req() request: AuthenticatedRequest): Promise<EntitlementListDto> {
    return this.readModel.entitlementsOf(request.user.id);
  }
}
