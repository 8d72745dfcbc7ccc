import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { parseDeliveryFaults } from '../domain/delivery-faults';
import { CashfreeApiResponse, CashfreeErrors } from '../cashfree/cashfree-api.errors';
import { sendCashfreeResponse } from '../cashfree/cashfree-api.http';
import { parseOpenDispute, parseResolveDispute } from './cashfree-dispute.params';
import { disputeEntity } from './cashfree-dispute.views';
import { disputeRefusal } from './cashfree-disputes.api';
import { CashfreeDisputes, DisputeOutcome } from './cashfree-disputes.service';

interface ControlBody {
  faults?: unknown;
}

/** Test controls of Cashfree disputes: the customer's bank raises one on a paid order, and decides it. */
@Controller('_sandbox/cashfree')
export class CashfreeDisputeControlController {
  constructor(private readonly disputes: CashfreeDisputes) {}

  /** Body `{amount?, type?: 'CHARGEBACK'|'DISPUTE'|'RETRIEVAL', reason_code?, faults?}`: `<TYPE>_CREATED`, and DISPUTE_CREATED. */
  @Post('orders/:orderId/dispute')
  open(@Param('orderId') orderId: string, @Body() body: ControlBody | undefined, @Res() res: Response): void {
    const faults = parseDeliveryFaults(body?.faults);
    if (!faults.ok) return sendCashfreeResponse(res, CashfreeErrors.invalidField('faults', faults.message));
    const payment = this.disputes.disputablePayment(orderId);
    if (!payment.ok) return sendCashfreeResponse(res, disputeRefusal({ ok: false, reason: payment.reason }));
    const params = parseOpenDispute(body, payment.paidMinor);
    if (!params.ok) return sendCashfreeResponse(res, params.error);
    sendCashfreeResponse(res, this.answer(this.disputes.open(orderId, params.params, faults.faults)));
  }

  /** Body `{outcome: 'won'|'lost', faults?}`: `<TYPE>_MERCHANT_WON` or `_MERCHANT_LOST`, and DISPUTE_CLOSED. */
  @Post('disputes/:disputeId/resolve')
  resolve(@Param('disputeId') disputeId: string, @Body() body: ControlBody | undefined, @Res() res: Response): void {
    const faults = parseDeliveryFaults(body?.faults);
    if (!faults.ok) return sendCashfreeResponse(res, CashfreeErrors.invalidField('faults', faults.message));
    const outcome = parseResolveDispute(body);
    if (!outcome.ok) return sendCashfreeResponse(res, outcome.error);
    sendCashfreeResponse(res, this.answer(this.disputes.resolve(disputeId, outcome.params, faults.faults)));
  }

  @Get('disputes')
  list(@Res() res: Response): void {
    const data = this.disputes.list().flatMap((dispute) => {
      const found = this.disputes.find(dispute.disputeId);
      return found ? [disputeEntity(found.dispute, found.order)] : [];
    });
    sendCashfreeResponse(res, { status: 200, body: { data } });
  }

  private answer(outcome: DisputeOutcome): CashfreeApiResponse {
    return outcome.ok ? { status: 200, body: { dispute: disputeEntity(outcome.dispute, outcome.order), webhook: outcome.webhook } } : disputeRefusal(outcome);
  }
}
