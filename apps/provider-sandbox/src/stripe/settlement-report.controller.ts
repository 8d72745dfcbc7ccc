import { BadRequestException, Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { SettledPayment, SettledRefund, SettlementDateError, settlementReport } from '../domain/settlement-report';
import { settlementReportCsv } from '../domain/settlement-report.csv';
import { PaymentIntents } from './payment-intents.service';
import { Refunds } from './refunds.service';

/**
 * What Stripe would settle for a UTC day: `GET /_sandbox/stripe/settlements?date=YYYY-MM-DD[&format=csv]`.
 * Fees follow `FEE_RULES` (domain/settlement-fees.ts).
 */
@Controller('_sandbox/stripe/settlements')
export class SettlementReportController {
  constructor(
    private readonly intents: PaymentIntents,
    private readonly refunds: Refunds,
  ) {}

  @Get()
  report(@Query('date') date: string | undefined, @Query('format') format: string | undefined, @Res() res: Response): void {
    if (format !== undefined && format !== 'json' && format !== 'csv') throw new BadRequestException({ error: { param: 'format', message: 'format must be json or csv' } });
    let report;
    try {
      report = settlementReport('stripe', date ?? '', this.payments(), this.settledRefunds());
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

  private payments(): SettledPayment[] {
    // Oldest first, so that payments of the same second keep the order they were made in.
    return this.intents.list().reverse().flatMap((intent) => {
      const at = this.intents.succeededAt(intent.id);
      if (intent.status !== 'succeeded' || at === undefined) return [];
      return [{
        paymentId: intent.id, chargeId: intent.latest_charge ?? '', orderId: intent.metadata.order_id ?? null,
        currency: intent.currency.toUpperCase(), amountMinor: intent.amount_received, at,
      }];
    });
  }

  /** Pending and succeeded refunds hold money back; a failed one gave it back and is left out. */
  private settledRefunds(): SettledRefund[] {
    return this.refunds.list().filter((refund) => refund.status !== 'failed').map((refund) => ({
      refundId: refund.id, paymentId: refund.payment_intent, chargeId: refund.charge,
      orderId: refund.metadata.order_id ?? this.intents.find(refund.payment_intent)?.metadata.order_id ?? null,
      currency: refund.currency.toUpperCase(), amountMinor: refund.amount, at: refund.created,
    }));
  }
}
