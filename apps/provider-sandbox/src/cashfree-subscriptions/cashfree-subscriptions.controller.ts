import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { cashfreeApiRequest, sendCashfreeResponse } from '../cashfree/cashfree-api.http';
import { CashfreeApiGateway, CashfreeOperation } from '../cashfree/cashfree-api.gateway';
import { CashfreeSubscriptionsApi } from './cashfree-subscriptions.api';

/** Cashfree's subscription API (x-api-version 2023-08-01), beside its orders under `/cashfree/pg`. */
@Controller('cashfree/pg')
export class CashfreeSubscriptionsController {
  constructor(
    private readonly gateway: CashfreeApiGateway,
    private readonly subscriptions: CashfreeSubscriptionsApi,
  ) {}

  @Post('plans')
  createPlan(@Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, this.subscriptions.createPlan(req.body));
  }

  @Get('plans/:planId')
  getPlan(@Param('planId') planId: string, @Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, this.subscriptions.getPlan(planId));
  }

  @Post('subscriptions')
  create(@Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, this.subscriptions.create(req.body));
  }

  @Get('subscriptions/:subscriptionId')
  get(@Param('subscriptionId') subscriptionId: string, @Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, this.subscriptions.get(subscriptionId));
  }

  @Get('subscriptions/:subscriptionId/payments')
  payments(@Param('subscriptionId') subscriptionId: string, @Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, this.subscriptions.payments(subscriptionId));
  }

  @Post('subscriptions/:subscriptionId/manage')
  manage(@Param('subscriptionId') subscriptionId: string, @Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, this.subscriptions.manage(subscriptionId, req.body));
  }

  private handle(req: Request, res: Response, operation: CashfreeOperation): void {
    sendCashfreeResponse(res, this.gateway.handle(cashfreeApiRequest(req), operation));
  }
}
