import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sendApiResponse, stripeApiRequest } from '../http/api-response.sender';
import { RefundsApi } from './refunds.api';
import { StripeApiGateway } from './stripe-api.gateway';

/** The part of Stripe's v1 API the stripe SDK calls for Refunds (form-encoded bodies). */
@Controller('v1/refunds')
export class RefundsController {
  constructor(
    private readonly gateway: StripeApiGateway,
    private readonly refunds: RefundsApi,
  ) {}

  @Post()
  create(@Req() req: Request, @Res() res: Response): void {
    const request = stripeApiRequest(req);
    sendApiResponse(res, this.gateway.handle(request, this.refunds.create(request.params)));
  }

  @Get(':id')
  retrieve(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    const request = stripeApiRequest(req);
    sendApiResponse(res, this.gateway.handle(request, this.refunds.retrieve(id, request.params)));
  }
}
