import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ControlBody, answerWithFaults } from '../http/control-faults';
import { StripeErrors, stripeError } from './stripe-api.errors';
import { DEFAULT_REFUND_FAILURE_REASON, NextRefundOutcome, RefundChangeOutcome, Refunds } from './refunds.service';
import { NO_API_REQUEST as networkAction } from './stripe-event';
import type { ApiResponse } from './stripe-api.errors';

const OUTCOMES: readonly NextRefundOutcome['kind'][] = ['succeed', 'fail', 'pending'];

function refundAnswer(id: string, outcome: RefundChangeOutcome): ApiResponse {
  if (outcome.ok) return { status: 200, body: { refund: outcome.refund } };
  if (outcome.reason === 'not_found') return StripeErrors.noSuchRefund(id);
  const message = `This refund has a status of ${outcome.refund.status}: only a pending refund can still change.`;
  return stripeError(400, { type: 'invalid_request_error', param: 'refund', message });
}

/** Test controls: what the card network does with refunds. */
@Controller('_sandbox/stripe/refunds')
export class RefundControlController {
  constructor(private readonly refunds: Refunds) {}

  /** Body `{ "outcome": "fail" | "pending" | "succeed", "failureReason"? }`: applies to the next refund created, once. */
  @Post('next_outcome')
  @HttpCode(200)
  nextOutcome(@Body() body: { outcome?: string; failureReason?: string } | undefined) {
    const kind = body?.outcome as NextRefundOutcome['kind'];
    if (!OUTCOMES.includes(kind)) {
      throw new BadRequestException({ error: { type: 'invalid_request_error', param: 'outcome', message: `outcome must be one of ${OUTCOMES.join(', ')}` } });
    }
    const next: NextRefundOutcome = kind === 'fail' ? { kind, failureReason: body?.failureReason ?? DEFAULT_REFUND_FAILURE_REASON } : { kind };
    this.refunds.setNextOutcome(next);
    return { next_refund: next };
  }

  /** A pending refund reaches the customer. */
  @Post(':id/succeed')
  succeed(@Param('id') id: string, @Body() body: ControlBody | undefined, @Res() res: Response): void {
    answerWithFaults(res, body, (faults) => refundAnswer(id, this.refunds.succeed(id, { request: networkAction, faults })));
  }

  /** A pending refund fails (closed card account, by default); the money returns to the charge. */
  @Post(':id/fail')
  fail(@Param('id') id: string, @Body() body: ControlBody | undefined, @Res() res: Response): void {
    const reason = body?.failureReason ?? DEFAULT_REFUND_FAILURE_REASON;
    answerWithFaults(res, body, (faults) => refundAnswer(id, this.refunds.fail(id, reason, { request: networkAction, faults })));
  }

  /** Refunds oldest first, with the charge they count against. */
  @Get()
  list(@Query('payment_intent') paymentIntentId?: string) {
    return {
      object: 'list',
      data: this.refunds.list({ paymentIntentId }),
      charge: paymentIntentId ? this.refunds.chargeOfIntent(paymentIntentId) ?? null : null,
    };
  }
}
