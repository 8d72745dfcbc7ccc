import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { cashfreeCheckoutPage, missingOrderPage } from './cashfree-hosted-page.html';
import { CashfreeOrders } from './cashfree-orders.service';

/** The hosted test checkout, standing in for the page Cashfree's JS SDK opens with a payment_session_id. */
@Controller('pay/cashfree')
export class CashfreeHostedPageController {
  constructor(private readonly orders: CashfreeOrders) {}

  @Get(':orderId')
  page(@Param('orderId') orderId: string, @Res() res: Response): void {
    const order = this.orders.find(orderId);
    res.status(order ? 200 : 404).type('html').send(order ? cashfreeCheckoutPage(order) : missingOrderPage(orderId));
  }
}
