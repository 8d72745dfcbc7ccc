import { BadRequestException, Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { StripeFeeSchedule } from '../domain/settlement-fee-overrides';
import { SettlementDateError, pricingWith, settlementReport } from '../domain/settlement-report';
import { settlementReportCsv } from '../domain/settlement-report.csv';
import { STRIPE_FEES } from '../stripe-payouts/stripe-payouts.tokens';
import { PaymentIntents } from './payment-intents.service';
import { Refunds } from './refunds.service';
import { settledPayments, settledRefunds } from './settled-movements';

/**
 * What Stripe would settle for a UTC day: `GET /_sandbox/stripe/settlements?date=YYYY-MM-DD[&format=csv]`.
 * Fees follow the sandbox's fee rules (`FEE_RULES` in domain/settlement-fees.ts unless `SANDBOX_STRIPE_FEE_RULES` says otherwise).
 */
@Controller('_sandbox/stripe/settlements')
export class SettlementReportController {
  constructor(
    private readonly intents: PaymentIntents,
    private readonly refunds: Refunds,
    @Inject(STRIPE_FEES) private readonly fees: StripeFeeSchedule,
  ) {}

  @Get()
  report(@Query('date') date: string | undefined, @Query('format') format: string | undefined, @Res() res: Response): void {
    if (format !== undefined && format !== 'json' && format !== 'csv') throw new BadRequestException({ error: { param: 'format', message: 'format must be json or csv' } });
    let report;
    try {
      report = settlementReport('stripe', date ?? '', settledPayments(this.intents), settledRefunds(this.refunds, this.intents), pricingWith(this.fees.paymentRules));
    } catch (error) {
      if (error instanceof SettlementDateError) throw new BadRequestException({ error: { param: 'date', code: error.code, message: error.message } });
      throw error;
    }
    if (format === 'csv') {
      res.status(200).type('text/csv').attachment(`stripe-settlement-${report.date}.csv`).send(settlementReportCsv(report));
      return;
    }
    res.status(200).json(report);
  }
}
