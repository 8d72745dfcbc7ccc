import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DeliveryFaults, parseDeliveryFaults } from '../domain/delivery-faults';
import { CashfreeApiResponse, CashfreeErrors } from '../cashfree/cashfree-api.errors';
import { sendCashfreeResponse } from '../cashfree/cashfree-api.http';
import { MANDATE_METHODS, MandateMethod } from './cashfree-subscription';
import { subscriptionEntity, subscriptionPaymentEntity } from './cashfree-subscription.views';
import { changeRefusal } from './cashfree-subscriptions.api';
import { CashfreeSubscriptions, SubscriptionChange } from './cashfree-subscriptions.service';

interface ControlBody {
  paymentMethod?: unknown;
  failureReason?: unknown;
  outcome?: unknown;
  faults?: unknown;
}

const reasonOf = (body: ControlBody | undefined, fallback: string) =>
  typeof body?.failureReason === 'string' && body.failureReason !== '' ? body.failureReason : fallback;

/** Test controls of Cashfree subscriptions: the customer on the authorization page, and time (the next scheduled charge). */
@Controller('_sandbox/cashfree/subscriptions')
export class CashfreeSubscriptionControlController {
  constructor(private readonly subscriptions: CashfreeSubscriptions) {}

  /** Body `{ paymentMethod?: 'upi'|'enach'|'card', faults? }`: the mandate is approved; the first charge follows when it is due. */
  @Post(':id/approve')
  approve(@Param('id') id: string, @Body() body: ControlBody | undefined, @Res() res: Response): void {
    this.act(res, body, 'AUTHORIZE', (faults, method) => this.subscriptions.authorize(id, method, faults));
  }

  /** Same body, plus `failureReason?`: the mandate is refused; the subscription stays INITIALIZED. */
  @Post(':id/decline')
  decline(@Param('id') id: string, @Body() body: ControlBody | undefined, @Res() res: Response): void {
    this.act(res, body, 'AUTHORIZE', (faults, method) => this.subscriptions.failAuthorization(id, method, reasonOf(body, 'MANDATE_REJECTED_BY_CUSTOMER'), faults));
  }

  /** Body `{ faults? }`: the next scheduled charge happens now, or the failed one is retried, as `renewal-outcome` says. */
  @Post(':id/advance')
  advance(@Param('id') id: string, @Body() body: ControlBody | undefined, @Res() res: Response): void {
    this.act(res, body, 'CHARGE', (faults) => this.subscriptions.advance(id, body?.faults === undefined ? undefined : faults));
  }

  /** Body `{ outcome: 'success'|'failure', failureReason?, faults? }`: how every later charge turns out, and the faults of its webhooks. */
  @Post(':id/renewal-outcome')
  renewalOutcome(@Param('id') id: string, @Body() body: ControlBody | undefined, @Res() res: Response): void {
    const faults = parseDeliveryFaults(body?.faults);
    if (!faults.ok) return sendCashfreeResponse(res, CashfreeErrors.invalidField('faults', faults.message));
    if (body?.outcome !== 'success' && body?.outcome !== 'failure') return sendCashfreeResponse(res, CashfreeErrors.invalidField('outcome', 'should be success or failure'));
    const setting = this.subscriptions.setCharges(id, { outcome: body.outcome, failureReason: reasonOf(body, 'INSUFFICIENT_FUNDS'), faults: faults.faults });
    sendCashfreeResponse(res, setting ? { status: 200, body: { subscription_id: id, renewal: setting } } : CashfreeErrors.subscriptionNotFound());
  }

  @Get()
  list(@Res() res: Response): void {
    const data = this.subscriptions.list().map((subscription) => ({
      ...subscriptionEntity(subscription), payments: subscription.payments.map((payment) => subscriptionPaymentEntity(subscription, payment)),
    }));
    sendCashfreeResponse(res, { status: 200, body: { data } });
  }

  private act(res: Response, body: ControlBody | undefined, action: string, change: (faults: DeliveryFaults, method: MandateMethod) => SubscriptionChange): void {
    const faults = parseDeliveryFaults(body?.faults);
    if (!faults.ok) return sendCashfreeResponse(res, CashfreeErrors.invalidField('faults', faults.message));
    const method = (body?.paymentMethod ?? 'upi') as MandateMethod;
    if (!MANDATE_METHODS.includes(method)) return sendCashfreeResponse(res, CashfreeErrors.invalidField('paymentMethod', `should be one of ${MANDATE_METHODS.join(', ')}`));
    sendCashfreeResponse(res, this.answer(change(faults.faults, method), action));
  }

  private answer(outcome: SubscriptionChange, action: string): CashfreeApiResponse {
    if (!outcome.ok) return changeRefusal(outcome, action);
    const payment = outcome.payment ? subscriptionPaymentEntity(outcome.subscription, outcome.payment) : null;
    return { status: 200, body: { subscription: subscriptionEntity(outcome.subscription), payment, webhooks: outcome.webhooks } };
  }
}
