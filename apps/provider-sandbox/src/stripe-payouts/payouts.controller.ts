import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { StripeApiGateway } from '../stripe/stripe-api.gateway';
import { answerStripeCall } from '../stripe/stripe-api.route';
import { BalanceTransactionsApi } from './balance-transactions.api';
import { PayoutsApi } from './payouts.api';

/** The part of Stripe's v1 API the stripe SDK calls to reconcile payouts: payouts and their balance transactions. */
@Controller('v1')
export class PayoutsController {
  constructor(
    private readonly gateway: StripeApiGateway,
    private readonly payouts: PayoutsApi,
    private readonly balanceTransactions: BalanceTransactionsApi,
  ) {}

  @Get('payouts')
  listPayouts(@Req() req: Request, @Res() res: Response): void {
    answerStripeCall(this.gateway, req, res, (params) => this.payouts.list(params));
  }

  @Get('payouts/:id')
  retrievePayout(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    answerStripeCall(this.gateway, req, res, (params) => this.payouts.retrieve(id, params));
  }

  @Get('balance_transactions')
  listBalanceTransactions(@Req() req: Request, @Res() res: Response): void {
    answerStripeCall(this.gateway, req, res, (params) => this.balanceTransactions.list(params));
  }

  @Get('balance_transactions/:id')
  retrieveBalanceTransaction(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    answerStripeCall(this.gateway, req, res, (params) => this.balanceTransactions.retrieve(id, params));
  }
}
