import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { missingSubscriptionPage, subscriptionAuthorizationPage } from './cashfree-subscription-page.html';
import { CashfreeSubscriptions } from './cashfree-subscriptions.service';

/** The mandate authorization page of a subscription, found by its `subscription_session_id`. */
@Controller('pay/cashfree/subscriptions')
export class CashfreeSubscriptionPageController {
  constructor(private readonly subscriptions: CashfreeSubscriptions) {}

  @Get(':sessionId')
  page(@Param('sessionId') sessionId: string, @Res() res: Response): void {
    const subscription = this.subscriptions.findBySession(sessionId);
    res.status(subscription ? 200 : 404).type('html').send(subscription ? subscriptionAuthorizationPage(subscription) : missingSubscriptionPage(sessionId));
  }
}
