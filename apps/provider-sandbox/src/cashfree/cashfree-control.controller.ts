import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { parseDeliveryFaults } from '../domain/delivery-faults';
import { CashfreeEventLog } from '../cashfree-webhooks/cashfree-event.log';
import { CashfreeErrors } from './cashfree-api.errors';
import { sendCashfreeResponse } from './cashfree-api.http';
import { orderEntity, paymentEntity, refundEntity } from './cashfree-entity.views';
import { PAYMENT_METHOD_CHOICES, PaymentMethodChoice, SandboxCashfreeOrder } from './cashfree-order';
import { refundRefusal } from './cashfree-orders.api';
import { CashfreeOrders, CustomerAction, OrderOutcome } from './cashfree-orders.service';

interface ControlBody {
  paymentMethod?: unknown;
  faults?: unknown;
  /** For decline: the bank's words, as `error_details.error_description`. */
  errorDescription?: unknown;
}

type Action = 'pay' | 'decline' | 'abandon';

/** The order with its attempts and refunds, as one view for tests and the hosted page. */
export function orderWithAttempts(order: SandboxCashfreeOrder) {
  return {
    ...orderEntity(order),
    payments: order.attempts.map((attempt) => paymentEntity(order, attempt)),
    refunds: order.refunds.map((refund) => refundEntity(order, refund)),
  };
}

/** Test controls: act as the customer on a Cashfree order, settle refunds, and inspect what the sandbox holds. */
@Controller('_sandbox/cashfree')
export class CashfreeControlController {
  constructor(
    private readonly orders: CashfreeOrders,
    private readonly events: CashfreeEventLog,
  ) {}

  /** Body `{ paymentMethod?: 'upi'|'netbanking'|'wallet', faults?: {...} }`: a successful attempt; the order becomes PAID. */
  @Post('orders/:orderId/pay')
  pay(@Param('orderId') orderId: string, @Body() body: ControlBody | undefined, @Res() res: Response): void {
    this.act(orderId, 'pay', body, res);
  }

  /** Same body, plus `errorDescription?`: a FAILED attempt; the order stays ACTIVE. */
  @Post('orders/:orderId/decline')
  decline(@Param('orderId') orderId: string, @Body() body: ControlBody | undefined, @Res() res: Response): void {
    this.act(orderId, 'decline', body, res);
  }

  /** Same body: a USER_DROPPED attempt (the customer left); the order stays ACTIVE. */
  @Post('orders/:orderId/abandon')
  abandon(@Param('orderId') orderId: string, @Body() body: ControlBody | undefined, @Res() res: Response): void {
    this.act(orderId, 'abandon', body, res);
  }

  /** Processes a PENDING refund to SUCCESS; sends REFUND_STATUS_WEBHOOK. */
  @Post('orders/:orderId/refunds/:refundId/succeed')
  succeedRefund(@Param('orderId') orderId: string, @Param('refundId') refundId: string, @Body() body: ControlBody | undefined, @Res() res: Response): void {
    this.settle(orderId, refundId, 'SUCCESS', body, res);
  }

  /** Processes a PENDING refund to CANCELLED; sends REFUND_STATUS_WEBHOOK. */
  @Post('orders/:orderId/refunds/:refundId/cancel')
  cancelRefund(@Param('orderId') orderId: string, @Param('refundId') refundId: string, @Body() body: ControlBody | undefined, @Res() res: Response): void {
    this.settle(orderId, refundId, 'CANCELLED', body, res);
  }

  private act(orderId: string, action: Action, body: ControlBody | undefined, res: Response): void {
    const parsed = this.customerAction(body);
    if ('error' in parsed) {
      sendCashfreeResponse(res, parsed.error);
      return;
    }
    const outcome = action === 'pay' ? this.orders.pay(orderId, parsed.action)
      : action === 'decline' ? this.orders.decline(orderId, parsed.action) : this.orders.abandon(orderId, parsed.action);
    sendCashfreeResponse(res, this.outcomeResponse(outcome));
  }

  private settle(orderId: string, refundId: string, to: 'SUCCESS' | 'CANCELLED', body: ControlBody | undefined, res: Response): void {
    const faults = parseDeliveryFaults(body?.faults);
    if (!faults.ok) {
      sendCashfreeResponse(res, CashfreeErrors.invalidField('faults', faults.message));
      return;
    }
    const settled = this.orders.settleRefund(orderId, refundId, to, faults.faults);
    sendCashfreeResponse(res, settled.ok
      ? { status: 200, body: { refund: refundEntity(settled.order, settled.refund), webhook: settled.webhook } }
      : refundRefusal(settled));
  }

  @Get('orders')
  list(@Query('order_id') orderId: string | undefined, @Res() res: Response): void {
    sendCashfreeResponse(res, { status: 200, body: { data: this.orders.list({ orderId }).map(orderWithAttempts) } });
  }

  @Get('events')
  listEvents(@Query('order_id') orderId?: string, @Query('type') type?: string, @Query('subscription_id') subscriptionId?: string) {
    return { data: this.events.list({ orderId, type, subscriptionId }) };
  }

  private customerAction(body: ControlBody | undefined): { action: CustomerAction } | { error: ReturnType<typeof CashfreeErrors.invalidField> } {
    const faults = parseDeliveryFaults(body?.faults);
    if (!faults.ok) return { error: CashfreeErrors.invalidField('faults', faults.message) };
    const method = body?.paymentMethod ?? 'upi';
    if (!PAYMENT_METHOD_CHOICES.includes(method as PaymentMethodChoice)) {
      return { error: CashfreeErrors.invalidField('paymentMethod', `should be one of ${PAYMENT_METHOD_CHOICES.join(', ')}`) };
    }
    const description = typeof body?.errorDescription === 'string' && body.errorDescription !== '' ? body.errorDescription : undefined;
    return { action: { method: method as PaymentMethodChoice, faults: faults.faults, error: description ? { description } : undefined } };
  }

  private outcomeResponse(outcome: OrderOutcome) {
    if (!outcome.ok) return outcome.reason === 'not_found' ? CashfreeErrors.orderNotFound() : CashfreeErrors.orderNotPayable(outcome.order.status);
    const payment = outcome.attempt ? paymentEntity(outcome.order, outcome.attempt) : null;
    return { status: 200, body: { order: orderEntity(outcome.order), payment, webhook: outcome.webhook } };
  }
}
