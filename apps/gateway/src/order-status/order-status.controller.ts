import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authenticated } from '../auth/auth.decorators';
import { AuthenticatedRequest } from '../auth/jwt-auth.guard';
import { isAdmin } from '../auth/token-claims';
import { ErrorResponseDto } from '../error-response.dto';
import { GatewayError } from '../gateway.error';
import { OrderReadModel } from '../orders/order-read-model.repository';
import { uuidParam } from '../uuid-param.pipe';
import { OrderChangeFeed } from './order-change.feed';
import { OrderStatusEvent, sseFrame, statusFingerprint } from './order-status-event';

/** A comment line keeps proxies from closing a quiet stream; the order is read again then too. */
const HEARTBEAT_MS = 15_000;

/**
 * An order's status as Server-Sent Events: the current state at once, then each change the moment
 * the projector commits it (Postgres NOTIFY), until the client goes. Same rules as GET
 * /api/orders/:id: the caller's own order (admins: any), another user's is a 404. It only reads.
 */
@Controller('api/orders')
@Authenticated()
@ApiTags('orders')
export class OrderStatusController {
  constructor(
    private readonly readModel: OrderReadModel,
    private readonly feed: OrderChangeFeed,
  ) {}

  @Get(':id/events')
  @ApiOperation({ summary: "The order's status as a Server-Sent Events stream: `event: order` with { order, access } at once and on every change" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream; each `data:` is { order: OrderView, access: Entitlement[] }' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: "ORDER.NOT_FOUND: no such order, or another user's" })
  async stream(@Req() request: AuthenticatedRequest, @Param('id', uuidParam('id')) id: string, @Res() response: Response): Promise<void> {
    const orderId = id.toLowerCase();
    const mayRead = async (): Promise<OrderStatusEvent | null> => {
      const order = await this.readModel.findById(orderId);
      if (!order || (!isAdmin(request.user) && order.userId !== request.user.id)) return null;
      const { entitlements } = await this.readModel.entitlementsOf(order.userId);
      return { order, access: entitlements.filter((grant) => grant.orderId === orderId) };
    };
    const first = await mayRead();
    if (!first) throw new GatewayError('ORDER.NOT_FOUND', `no order ${orderId}`);
    response.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    response.flushHeaders();
    let sent = statusFingerprint(first);
    let frames = 1;
    response.write(sseFrame('order', first, String(frames)));
    let reading = Promise.resolve();
    const refresh = () => {
      reading = reading.then(async () => {
        const next = await mayRead();
        if (!next || response.writableEnded) return;
        const print = statusFingerprint(next);
        if (print === sent) return;
        sent = print;
        frames += 1;
        response.write(sseFrame('order', next, String(frames)));
      }).catch(() => undefined);
    };
    const unsubscribe = this.feed.subscribe(orderId, refresh);
    // A change committed between the first read and the subscription would otherwise wait for the heartbeat.
    refresh();
    const heartbeat = setInterval(() => {
      response.write(': keep-alive\n\n');
      refresh();
    }, HEARTBEAT_MS);
    request.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      response.end();
    });
  }
}
