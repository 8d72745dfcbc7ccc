import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sendApiResponse, stripeApiRequest } from '../http/api-response.sender';
import { PaymentIntentsApi } from './payment-intents.api';
import { StripeApiGateway } from './stripe-api.gateway';

/** The part of Stripe's v1 API the stripe SDK calls for PaymentIntents (form-encoded bodies). */
@Controller('v1/payment_intents')
export class StripeApiController {
  constructor(
    private readonly gateway: StripeApiGateway,
    private readonly paymentIntents: PaymentIntentsApi,
  ) {}

  @Post()
  create(@Req() req: Request, @Res() res: Response): void {
    const request = stripeApiRequest(req);
    sendApiResponse(res, this.gateway.handle(request, this.paymentIntents.create(request.params)));
  }

  @Get(':id')
  retrieve(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    const request = stripeApiRequest(req);
    sendApiResponse(res, this.gateway.handle(request, this.paymentIntents.retrieve(id, request.params)));
  }

  @Post(':id/cancel')
  cancel(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    const request = stripeApiRequest(req);
    sendApiResponse(res, this.gateway.handle(request, this.paymentIntents.cancel(id, request.params)));
  }
}
