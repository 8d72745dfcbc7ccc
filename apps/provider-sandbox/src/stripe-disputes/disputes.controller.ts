import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { StripeApiGateway } from '../stripe/stripe-api.gateway';
import { answerStripeCall } from '../stripe/stripe-api.route';
import { DisputesApi } from './disputes.api';

/** The part of Stripe's v1 API the stripe SDK calls for Disputes: list, retrieve, update (evidence), close. */
@Controller('v1/disputes')
export class DisputesController {
  constructor(
    private readonly gateway: StripeApiGateway,
    private readonly disputes: DisputesApi,
  ) {}

  @Get()
  list(@Req() req: Request, @Res() res: Response): void {
    answerStripeCall(this.gateway, req, res, (params) => this.disputes.list(params));
  }

  @Get(':id')
  retrieve(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    answerStripeCall(this.gateway, req, res, (params) => this.disputes.retrieve(id, params));
  }

  @Post(':id')
  update(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    answerStripeCall(this.gateway, req, res, (params) => this.disputes.update(id, params));
  }

  @Post(':id/close')
  close(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    answerStripeCall(this.gateway, req, res, (params) => this.disputes.close(id, params));
  }
}
