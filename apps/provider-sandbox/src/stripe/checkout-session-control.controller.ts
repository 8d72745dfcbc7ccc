import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { DeliveryFaults } from '../domain/delivery-faults';
import { ControlBody, answerWithFaults } from '../http/control-faults';
import { sessionOutcomeResponse } from './checkout-sessions.api';
import { CheckoutSessionOutcome, CheckoutSessions } from './checkout-sessions.service';
import { NO_API_REQUEST as customerAction } from './stripe-event';

/** Test controls: act as the customer on a Checkout Session's hosted page. Bodies take the same `faults` as the PaymentIntent controls. */
@Controller('_sandbox/stripe/checkout_sessions')
export class CheckoutSessionControlController {
  constructor(private readonly sessions: CheckoutSessions) {}

  /** Pays: the session's PaymentIntent succeeds, then the session completes. */
  @Post(':id/pay')
  pay(@Param('id') id: string, @Body() body: ControlBody | undefined, @Res() res: Response): void {
    this.act(res, id, body, (faults) => this.sessions.pay(id, { request: customerAction, faults }));
  }

  /** A declined card: the PaymentIntent's attempt fails, the session stays open. */
  @Post(':id/decline')
  decline(@Param('id') id: string, @Body() body: ControlBody | undefined, @Res() res: Response): void {
    const details = { declineCode: body?.declineCode, message: body?.message };
    this.act(res, id, body, (faults) => this.sessions.decline(id, details, { request: customerAction, faults }));
  }

  /** The customer walked away and the session ran out of time. */
  @Post(':id/expire')
  expire(@Param('id') id: string, @Body() body: ControlBody | undefined, @Res() res: Response): void {
    this.act(res, id, body, (faults) => this.sessions.expire(id, { request: customerAction, faults }));
  }

  @Get()
  list(@Query('order_id') orderId?: string) {
    return { object: 'list', data: this.sessions.list({ orderId }) };
  }

  private act(res: Response, id: string, body: ControlBody | undefined, change: (faults: DeliveryFaults) => CheckoutSessionOutcome): void {
    answerWithFaults(res, body, (faults) =>
      sessionOutcomeResponse(id, change(faults), ({ session, intent }) => ({ checkout_session: session, payment_intent: intent })));
  }
}
