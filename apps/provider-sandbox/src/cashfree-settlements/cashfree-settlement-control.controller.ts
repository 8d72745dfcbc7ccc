import { Body, Controller, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { parseDeliveryFaults } from '../domain/delivery-faults';
import { SettlementDateError } from '../domain/settlement-report';
import { CashfreeApiResponse, CashfreeErrors } from '../cashfree/cashfree-api.errors';
import { sendCashfreeResponse } from '../cashfree/cashfree-api.http';
import { parseDiscrepancies } from './cashfree-settlement-discrepancies';
import { reconRow, settlementListItem } from './cashfree-settlement.views';
import { CashfreeSettlements, SettleOutcome } from './cashfree-settlements.service';

interface SettleBody {
  date?: unknown;
  faults?: unknown;
  discrepancies?: unknown;
}

/** Test control: Cashfree settles a UTC day into the merchant's bank. */
@Controller('_sandbox/cashfree/settlements')
export class CashfreeSettlementControlController {
  constructor(private readonly settlements: CashfreeSettlements) {}

  /**
   * Body `{date: 'YYYY-MM-DD', faults?, discrepancies?: {dropPayment?, changeAmount?, settleTwice?, unknownFee?}}`:
   * the day's settlement, made once (the same request again answers it again, `created: false`),
   * with its recon rows, and the SETTLEMENT_SUCCESS webhook it sent.
   */
  @Post()
  settle(@Body() body: SettleBody | undefined, @Res() res: Response): void {
    const faults = parseDeliveryFaults(body?.faults);
    if (!faults.ok) return sendCashfreeResponse(res, CashfreeErrors.invalidField('faults', faults.message));
    const discrepancies = parseDiscrepancies(body?.discrepancies);
    if (!discrepancies.ok) return sendCashfreeResponse(res, CashfreeErrors.invalidField('discrepancies', discrepancies.message));
    if (typeof body?.date !== 'string') return sendCashfreeResponse(res, CashfreeErrors.missingField('date'));
    let outcome: SettleOutcome;
    try {
      outcome = this.settlements.settle(body.date, discrepancies.value, faults.faults);
    } catch (error) {
      if (!(error instanceof SettlementDateError)) throw error;
      return sendCashfreeResponse(res, CashfreeErrors.invalidField('date', error.message));
    }
    sendCashfreeResponse(res, this.answer(outcome, body.date));
  }

  private answer(outcome: SettleOutcome, date: string): CashfreeApiResponse {
    if (!outcome.ok) {
      if (outcome.reason === 'conflict') return CashfreeErrors.settlementAlreadyExists(date);
      return outcome.reason === 'empty' ? CashfreeErrors.nothingToSettle(date) : CashfreeErrors.invalidField('discrepancies', outcome.message);
    }
    const { settlement } = outcome;
    return {
      status: 200,
      body: { created: outcome.created, settlement: settlementListItem(settlement), recon: settlement.events.map((event) => reconRow(event, settlement)), webhook: outcome.webhook },
    };
  }
}
