import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sendApiResponse, stripeApiRequest } from '../http/api-response.sender';
import { callerBaseUrl } from '../http/control-faults';
import { CheckoutSessionsApi } from './checkout-sessions.api';
import { StripeApiGateway } from './stripe-api.gateway';

/** The part of Stripe's v1 API the stripe SDK calls for Checkout Sessions (form-encoded bodies). */
@Controller('v1/checkout/sessions')
export class CheckoutSessionsController {
  constructor(
    private readonly gateway: StripeApiGateway,
    private readonly sessions: CheckoutSessionsApi,
  ) {}

  @Post()
  create(@Req() req: Request, @Res() res: Response): void {
    const request = stripeApiRequest(req);
    sendApiResponse(res, this.gateway.handle(request, this.sessions.create(request.params, callerBaseUrl(req))));
  }

  @Get(':id')
  retrieve(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    const request = stripeApiRequest(req);
    sendApiResponse(res, this.gateway.handle(request, this.sessions.retrieve(id, request.params)));
  }

  @Post(':id/expire')
  expire(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    const request = stripeApiRequest(req);
    sendApiResponse(res, this.gateway.handle(request, this.sessions.expire(id, request.params)));
  }
}
