import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { SettlementDateError } from '../domain/settlement-report';
import { sendApiResponse } from '../http/api-response.sender';
import { answerWithFaults } from '../http/control-faults';
import { ApiResponse, StripeErrors, stripeError } from '../stripe/stripe-api.errors';
import { PayoutDiscrepancies, parsePayoutDiscrepancies } from './payout-discrepancies';
import { PayoutDiscrepancyError } from './payout.builder';
import { StripePayouts } from './stripe-payouts.service';

interface PayoutsBody {
  date?: unknown;
  faults?: unknown;
  discrepancies?: unknown;
}

const invalid = (param: string, message: string, code?: string) => stripeError(400, { type: 'invalid_request_error', param, message, ...(code ? { code } : {}) });

/** Test controls: Stripe's automatic payouts of a day. */
@Controller('_sandbox/stripe/payouts')
export class PayoutControlController {
  constructor(private readonly payouts: StripePayouts) {}

  /**
   * Body `{ date: 'YYYY-MM-DD', faults?, discrepancies? }`: pays the day out, one payout per currency
   * holding that day's balance transactions, and sends `payout.paid` and
   * `payout.reconciliation_completed` for each. Asked again for the same day, answers the same payouts.
   */
  @Post()
  pay(@Body() body: PayoutsBody | undefined, @Res() res: Response): void {
    const unknown = Object.keys(body ?? {}).find((name) => !['date', 'faults', 'discrepancies'].includes(name));
    if (unknown) return sendApiResponse(res, StripeErrors.unknownParam(unknown));
    if (typeof body?.date !== 'string') return sendApiResponse(res, invalid('date', 'date must be a calendar day as YYYY-MM-DD', 'parameter_missing'));
    const knobs = parsePayoutDiscrepancies(body.discrepancies);
    if (!knobs.ok) return sendApiResponse(res, invalid(knobs.param, knobs.message));
    const date = body.date;
    answerWithFaults(res, body, (faults) => this.payDay(date, knobs.discrepancies, () => this.payouts.payDay(date, knobs.discrepancies, faults)));
  }

  /** Every payout, newest first. */
  @Get()
  list() {
    return { object: 'list', data: this.payouts.list() };
  }

  private payDay(date: string, asked: PayoutDiscrepancies, pay: () => ReturnType<StripePayouts['payDay']>): ApiResponse {
    try {
      const outcome = pay();
      if (outcome.ok) return { status: 200, body: { date, replayed: outcome.replayed, payouts: outcome.payouts } };
      const message = `${date} was paid out already with discrepancies ${JSON.stringify(outcome.discrepancies)}, not ${JSON.stringify(asked)}: a day is paid out once`;
      return stripeError(409, { type: 'invalid_request_error', param: 'discrepancies', message });
    } catch (error) {
      if (error instanceof SettlementDateError) return invalid('date', error.message, error.code);
      if (error instanceof PayoutDiscrepancyError) return invalid(error.param, error.message, error.code);
      throw error;
    }
  }
}
