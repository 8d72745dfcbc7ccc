import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CashfreeApiGateway, CashfreeOperation } from '../cashfree/cashfree-api.gateway';
import { cashfreeApiRequest, sendCashfreeResponse } from '../cashfree/cashfree-api.http';
import { CashfreeSettlementsApi } from './cashfree-settlements.api';

/** Cashfree's settlement and reconciliation API (x-api-version 2023-08-01), beside its orders under `/cashfree/pg`. */
@Controller('cashfree/pg')
export class CashfreeSettlementsController {
  constructor(
    private readonly gateway: CashfreeApiGateway,
    private readonly settlements: CashfreeSettlementsApi,
  ) {}

  @Post('settlements')
  list(@Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, this.settlements.list(req.body));
  }

  @Post('settlement/recon')
  recon(@Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, this.settlements.recon(req.body));
  }

  @Get('orders/:orderId/settlements')
  ofOrder(@Param('orderId') orderId: string, @Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, this.settlements.ofOrder(orderId));
  }

  private handle(req: Request, res: Response, operation: CashfreeOperation): void {
    sendCashfreeResponse(res, this.gateway.handle(cashfreeApiRequest(req), operation));
  }
}
