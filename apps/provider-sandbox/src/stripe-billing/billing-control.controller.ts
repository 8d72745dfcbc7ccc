import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { sendApiResponse } from '../http/api-response.sender';
import { ControlBody, answerWithFaults } from '../http/control-faults';
import { StripeErrors, stripeError } from '../stripe/stripe-api.errors';
import type { SubscriptionRecord } from './billing-records';
import type { RenewalOutcome } from './subscription.decider';
import { StripeSubscriptions } from './stripe-subscriptions.service';

const OUTCOMES: readonly RenewalOutcome[] = ['pay', 'fail'];

/** Test controls of Stripe Billing: how a subscription's next charges turn out, and what the sandbox holds. */
@Controller('_sandbox/stripe/subscriptions')
export class BillingControlController {
  constructor(private readonly subscriptions: StripeSubscriptions) {}

  /**
   * Body `{ outcome: 'pay' | 'fail', faults?: {...} }`: every charge of the subscription from now on
   * (renewals and retries, when a test clock reaches them) pays or fails, and the events those
   * charges cause get `faults`. Until set, charges pay.
   */
  @Post(':id/renewal-outcome')
  renewalOutcome(@Param('id') id: string, @Body() body: (ControlBody & { outcome?: unknown }) | undefined, @Res() res: Response): void {
    const outcome = body?.outcome;
    if (!OUTCOMES.includes(outcome as RenewalOutcome)) {
      sendApiResponse(res, stripeError(400, { type: 'invalid_request_error', param: 'outcome', message: `outcome must be one of ${OUTCOMES.join(', ')}` }));
      return;
    }
    answerWithFaults(res, body, (faults) => {
      const renewal = { outcome: outcome as RenewalOutcome, faults };
      if (!this.subscriptions.setRenewal(id, renewal)) return StripeErrors.noSuchSubscription(id);
      return { status: 200, body: { subscription: this.subscriptions.view(this.subscriptions.find(id) as SubscriptionRecord), renewal } };
    });
  }

  @Get()
  list() {
    return { object: 'list', data: this.subscriptions.list().map((subscription) => this.subscriptions.view(subscription)) };
  }
}
