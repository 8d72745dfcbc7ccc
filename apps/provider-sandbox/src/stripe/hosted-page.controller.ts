import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { hostedPaymentPage, missingPaymentPage } from './hosted-page.html';
import { PaymentIntents } from './payment-intents.service';

/** The hosted test payment page, standing in for Stripe's payment form. */
@Controller('pay/stripe')
export class HostedPageController {
  constructor(private readonly intents: PaymentIntents) {}

  @Get(':id')
  page(@Param('id') id: string, @Res() res: Response): void {
    const intent = this.intents.find(id);
    res.status(intent ? 200 : 404).type('html').send(intent ? hostedPaymentPage(intent) : missingPaymentPage(id));
  }
}
