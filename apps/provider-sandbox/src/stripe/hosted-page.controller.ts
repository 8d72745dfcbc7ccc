import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CheckoutSessions } from './checkout-sessions.service';
import { checkoutSessionPage, hostedPaymentPage, missingPaymentPage } from './hosted-page.html';
import { PaymentIntents } from './payment-intents.service';

/** The hosted test payment pages, standing in for Stripe's payment form and Stripe Checkout. */
@Controller('pay/stripe')
export class HostedPageController {
  constructor(
    private readonly intents: PaymentIntents,
    private readonly sessions: CheckoutSessions,
  ) {}

  /** A Checkout Session's `url`. */
  @Get('session/:id')
  sessionPage(@Param('id') id: string, @Res() res: Response): void {
    const session = this.sessions.find(id);
    res.status(session ? 200 : 404).type('html')
      .send(session ? checkoutSessionPage(session, this.sessions.lineItemsOf(id)) : missingPaymentPage(id, 'Checkout Session'));
  }

  @Get(':id')
  page(@Param('id') id: string, @Res() res: Response): void {
    const intent = this.intents.find(id);
    res.status(intent ? 200 : 404).type('html').send(intent ? hostedPaymentPage(intent) : missingPaymentPage(id));
  }
}
