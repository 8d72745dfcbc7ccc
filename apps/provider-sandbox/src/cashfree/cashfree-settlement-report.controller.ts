import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { SettlementDateError } from '../domain/settlement-report';
import { CashfreeErrors } from './cashfree-api.errors';
import { sendCashfreeResponse } from './cashfree-api.http';
import { CashfreeOrders } from './cashfree-orders.service';
import type { CashfreeFeeSchedule } from './cashfree-settlement.fees';
import { cashfreeSettlementCsv, cashfreeSettlementReport } from './cashfree-settlement.report';
import { CASHFREE_FEE_SCHEDULE } from './cashfree.tokens';

/**
 * What Cashfree would settle for a UTC day: `GET /_sandbox/cashfree/settlements?date=YYYY-MM-DD[&format=csv]`,
 * in signed integer paise. Fees follow the configured schedule (`CASHFREE_FEE_RULES` unless set; cashfree-settlement.fees.ts).
 */
@Controller('_sandbox/cashfree/settlements')
export class CashfreeSettlementReportController {
  constructor(
    private readonly orders: CashfreeOrders,
    @Inject(CASHFREE_FEE_SCHEDULE) private readonly fees: CashfreeFeeSchedule,
  ) {}

  @Get()
  report(@Query('date') date: string | undefined, @Query('format') format: string | undefined, @Res() res: Response): void {
    if (format !== undefined && format !== 'json' && format !== 'csv') {
      sendCashfreeResponse(res, CashfreeErrors.invalidField('format', 'should be json or csv'));
      return;
    }
    let report;
    try {
      report = cashfreeSettlementReport(date ?? '', this.orders.list().reverse(), this.fees.rules);
    } catch (error) {
      if (!(error instanceof SettlementDateError)) throw error;
      sendCashfreeResponse(res, CashfreeErrors.invalidField('date', error.message));
      return;
    }
    if (format === 'csv') {
      res.status(200).type('text/csv').attachment(`cashfree-settlement-${report.date}.csv`).send(cashfreeSettlementCsv(report));
      return;
    }
    res.status(200).json(report);
  }
}
