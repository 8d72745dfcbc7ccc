import { Controller, Get, Inject, NotFoundException, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { PaymentStatusCheckRequested, buildMessage } from '@payments/contracts';
import { Database } from '@payments/persistence';
import { CLOCK, Clock, DATABASE, Outbox } from '@payments/nest-runtime';
import { requestIdOf } from '../request-id.middleware';

interface OrderRow { order_id: string; user_id: string; status: string; amount_minor: string; currency: string }

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * The browser's return from the provider. It never marks anything paid: it shows the order's state
 * from the read model and, while the order is pending, asks checkout to check with the provider
 * server-side (only a verified webhook or the provider's status API moves an order). Browsers come
 * back without our bearer token, so the answer carries no personal data; it is rate-limited per IP.
 */
@Controller()
export class SuccessController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  @Get('success')
  @ApiOperation({ summary: 'Return page after paying at the provider; triggers a server-side status check' })
  @ApiQuery({ name: 'order_id', required: true })
  async show(@Query('order_id', new ParseUUIDPipe()) orderId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const [order] = await this.db.query<OrderRow>(
      `SELECT order_id, user_id, status, amount_minor, currency FROM gateway.orders WHERE order_id = $1`,
      [orderId],
    );
    if (!order) throw new NotFoundException({ error: { code: 'ORDER.NOT_FOUND', message: `no order ${orderId}` } });
    const statusCheckRequested = order.status === 'pending';
    if (statusCheckRequested) {
      const now = this.clock.now();
      await this.db.transaction((sql) =>
        this.outbox.enqueue(sql, [{
          topic: PaymentStatusCheckRequested.topic,
          envelope: buildMessage(PaymentStatusCheckRequested, {
            key: order.user_id,
            origin: { correlationId: requestIdOf(request) },
            occurredAt: now,
            payload: { orderId, userId: order.user_id, trigger: 'success-redirect', requestedAt: now.toISOString() },
          }),
        }]),
      );
      this.outbox.notify();
    }
    const view = { orderId, status: order.status, amountMinor: Number(order.amount_minor), currency: order.currency.trim(), statusCheckRequested };
    if (request.accepts(['json', 'html']) === 'html') {
      const message = order.status === 'paid' ? 'Payment received. Thank you!' : 'We are confirming your payment with the provider; this page does not need to stay open.';
      response.type('html').send(`<!doctype html><meta charset="utf-8"><title>Order ${escapeHtml(orderId)}</title>` +
        `<h1>${escapeHtml(message)}</h1><p>Order ${escapeHtml(orderId)}: <strong>${escapeHtml(order.status)}</strong></p>`);
      return;
    }
    response.json(view);
  }
}
