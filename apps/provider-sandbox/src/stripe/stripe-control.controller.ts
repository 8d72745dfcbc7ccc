import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { DeliveryFaults } from '../domain/delivery-faults';
import { ControlBody, answerWithFaults } from '../http/control-faults';
import { StripeEventLog } from '../webhooks/stripe-event.log';
import { outcomeResponse } from './payment-intents.api';
import { PaymentIntentOutcome, PaymentIntents } from './payment-intents.service';
import { NO_API_REQUEST as customerAction } from './stripe-event';

/** Test controls: act as the customer on a PaymentIntent, and inspect what the sandbox holds. */
@Controller('_sandbox/stripe')
export class StripeControlController {
  constructor(
    private readonly intents: PaymentIntents,
    private readonly events: StripeEventLog,
  ) {}

  @Post('payment_intents/:id/pay')
  pay(@Param('id') id: string, @Body() body: ControlBody | undefined, @Res() res: Response): void {
    this.act(res, id, 'pay', body, (faults) => this.intents.pay(id, { request: customerAction, faults }));
  }

  @Post('payment_intents/:id/decline')
  decline(@Param('id') id: string, @Body() body: ControlBody | undefined, @Res() res: Response): void {
    const details = { declineCode: body?.declineCode, message: body?.message };
    this.act(res, id, 'decline', body, (faults) => this.intents.decline(id, details, { request: customerAction, faults }));
  }

  @Post('payment_intents/:id/abandon')
  abandon(@Param('id') id: string, @Body() body: ControlBody | undefined, @Res() res: Response): void {
    this.act(res, id, 'cancel', body, (faults) => this.intents.cancel(id, 'abandoned', { request: customerAction, faults }));
  }

  @Get('payment_intents')
  list(@Query('order_id') orderId?: string) {
    return { object: 'list', data: this.intents.list({ orderId }) };
  }

  @Get('events')
  listEvents(@Query('payment_intent') objectId?: string, @Query('type') type?: string, @Query('subscription') subject?: string) {
    return { object: 'list', data: this.events.list({ objectId, type, subject }) };
  }

  private act(res: Response, id: string, action: string, body: ControlBody | undefined, change: (faults: DeliveryFaults) => PaymentIntentOutcome): void {
    answerWithFaults(res, body, (faults) => {
      const outcome = change(faults);
      return outcomeResponse(id, outcome, action, (intent) => ({ payment_intent: intent, event: outcome.ok ? outcome.event : null }));
    });
  }
}
