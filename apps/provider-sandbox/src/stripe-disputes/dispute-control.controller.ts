import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { sendApiResponse } from '../http/api-response.sender';
import { ControlBody, answerWithFaults } from '../http/control-faults';
import { ApiResponse, StripeErrors } from '../stripe/stripe-api.errors';
import { NO_API_REQUEST as networkAction } from '../stripe/stripe-event';
import { parseOpenDispute, parseResolveDispute } from './dispute.params';
import { disputeAnswer } from './disputes.api';
import { OpenDisputeOutcome, StripeDisputes } from './stripe-disputes.service';

function openAnswer(intentId: string, outcome: OpenDisputeOutcome): ApiResponse {
  if (outcome.ok) return { status: 200, body: { dispute: outcome.dispute } };
  switch (outcome.reason) {
    case 'not_found':
      return StripeErrors.noSuchPaymentIntent(intentId);
    case 'not_succeeded':
      return StripeErrors.nothingToDispute(intentId, outcome.intent.status);
    case 'already_disputed':
      return StripeErrors.chargeAlreadyDisputed(outcome.dispute.charge, outcome.dispute.id);
    case 'amount_too_large':
      return StripeErrors.disputeAmountTooLarge(outcome.requested, outcome.received);
  }
}

/** Test controls: the customer's bank opens a dispute against a payment, and decides it. */
@Controller('_sandbox/stripe')
export class DisputeControlController {
  constructor(private readonly disputes: StripeDisputes) {}

  /**
   * Body `{ amount?, reason?, faults? }`: a chargeback against a succeeded payment (the whole
   * amount received and `fraudulent` unless told otherwise); its funds and fee are withdrawn at once.
   */
  @Post('payment_intents/:id/dispute')
  open(@Param('id') id: string, @Body() body: (ControlBody & Record<string, unknown>) | undefined, @Res() res: Response): void {
    const parsed = parseOpenDispute(body);
    if (!parsed.ok) {
      sendApiResponse(res, parsed.error);
      return;
    }
    answerWithFaults(res, body, (faults) => openAnswer(id, this.disputes.open(id, parsed.params, { request: networkAction, faults })));
  }

  /** Body `{ outcome: 'won' | 'lost', faults? }`: the bank's decision on an open dispute; won reinstates its funds. */
  @Post('disputes/:id/resolve')
  resolve(@Param('id') id: string, @Body() body: (ControlBody & Record<string, unknown>) | undefined, @Res() res: Response): void {
    const outcome = parseResolveDispute(body);
    if (!outcome.ok) {
      sendApiResponse(res, outcome.error);
      return;
    }
    answerWithFaults(res, body, (faults) => {
      const answer = disputeAnswer(id, this.disputes.resolve(id, outcome.params, { request: networkAction, faults }), 'resolve');
      return answer.status === 200 ? { status: 200, body: { dispute: answer.body } } : answer;
    });
  }

  /** Every dispute, newest first. */
  @Get('disputes')
  list() {
    return { object: 'list', data: this.disputes.list() };
  }
}
