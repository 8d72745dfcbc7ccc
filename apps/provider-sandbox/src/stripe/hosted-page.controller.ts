import { Controller, Get, Param, Query, Res } from '@nestjs/common';
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

  /** `return_url`: where a successful payment sends the browser (an http(s) URL; anything else is ignored). */
  @Get(':id')
  page(@Param('id') id: string, @Query('return_url') returnUrl: unknown, @Res() res: Response): void {
    const intent = this.intents.find(id);
    res.status(intent ? 200 : 404).type('html').send(intent ? hostedPaymentPage(intent, httpUrlOrUndefined(returnUrl)) : missingPaymentPage(id));
  }
}

function httpUrlOrUndefined(value: unknown): URL | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
