import { Controller, Get, Param, Patch, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { cashfreeApiRequest, sendCashfreeResponse } from './cashfree-api.http';
import { CashfreeApiGateway, CashfreeOperation } from './cashfree-api.gateway';
import { CashfreeOrdersApi } from './cashfree-orders.api';

/** The part of Cashfree PG's REST API (JSON, x-api-version 2023-08-01) the adapter calls, under `/cashfree/pg`. */
@Controller('cashfree/pg/orders')
export class CashfreeApiController {
  constructor(
    private readonly gateway: CashfreeApiGateway,
    private readonly orders: CashfreeOrdersApi,
  ) {}

  @Post()
  create(@Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, this.orders.create(req.body));
  }

  @Get(':orderId')
  get(@Param('orderId') orderId: string, @Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, this.orders.get(orderId));
  }

  @Patch(':orderId')
  terminate(@Param('orderId') orderId: string, @Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, this.orders.terminate(orderId, req.body));
  }

  @Get(':orderId/payments')
  payments(@Param('orderId') orderId: string, @Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, this.orders.payments(orderId));
  }

  @Get(':orderId/payments/:cfPaymentId')
  payment(@Param('orderId') orderId: string, @Param('cfPaymentId') cfPaymentId: string, @Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, this.orders.payment(orderId, cfPaymentId));
  }

  @Post(':orderId/refunds')
  createRefund(@Param('orderId') orderId: string, @Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, this.orders.createRefund(orderId, req.body));
  }

  @Get(':orderId/refunds')
  refunds(@Param('orderId') orderId: string, @Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, this.orders.refunds(orderId));
  }

  @Get(':orderId/refunds/:refundId')
  refund(@Param('orderId') orderId: string, @Param('refundId') refundId: string, @Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, this.orders.refund(orderId, refundId));
  }

  private handle(req: Request, res: Response, operation: CashfreeOperation): void {
    sendCashfreeResponse(res, this.gateway.handle(cashfreeApiRequest(req), operation));
  }
}
