import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DeliveryFaults, parseDeliveryFaults } from '../domain/delivery-faults';
import { sendApiResponse } from '../http/api-response.sender';
import { StripeEventLog } from '../webhooks/stripe-event.log';
import { outcomeResponse } from './payment-intents.api';
import { PaymentIntentOutcome, PaymentIntents } from './payment-intents.service';
import { stripeError } from './stripe-api.errors';

interface ControlBody {
  faults?: unknown;
  declineCode?: string;
  message?: string;
}

/** No API request caused these changes: the "customer" did, on the hosted page. */
const customerAction = { id: null, idempotency_key: null };

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
  listEvents(@Query('payment_intent') objectId?: string, @Query('type') type?: string) {
    return { object: 'list', data: this.events.list({ objectId, type }) };
  }

  private act(res: Response, id: string, action: string, body: ControlBody | undefined, change: (faults: DeliveryFaults) => PaymentIntentOutcome): void {
    const faults = parseDeliveryFaults(body?.faults);
    if (!faults.ok) {
      sendApiResponse(res, stripeError(400, { type: 'invalid_request_error', param: 'faults', message: faults.message }));
      return;
    }
    const outcome = change(faults.faults);
    sendApiResponse(res, outcomeResponse(id, outcome, action, (intent) => ({ payment_intent: intent, event: outcome.ok ? outcome.event : null })));
  }
}
