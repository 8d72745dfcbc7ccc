import { Controller, Delete, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sendApiResponse, stripeApiRequest } from '../http/api-response.sender';
import type { Operation } from '../stripe/stripe-api.gateway';
import { StripeApiGateway } from '../stripe/stripe-api.gateway';
import { PricesApi } from './prices.api';
import { SubscriptionsApi } from './subscriptions.api';
import { TestClocksApi } from './test-clocks.api';

type Params = Record<string, unknown>;

/** The part of Stripe Billing's v1 API the stripe SDK calls: prices, products, subscriptions, invoices, customers, test clocks. */
@Controller('v1')
export class BillingApiController {
  constructor(
    private readonly gateway: StripeApiGateway,
    private readonly prices: PricesApi,
    private readonly subscriptions: SubscriptionsApi,
    private readonly clocks: TestClocksApi,
  ) {}

  @Post('prices')
  createPrice(@Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, (params) => this.prices.createPrice(params));
  }

  @Get('prices')
  listPrices(@Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, (params) => this.prices.listPrices(params));
  }

  @Get('prices/:id')
  retrievePrice(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, (params) => this.prices.retrievePrice(id, params));
  }

  @Post('products')
  createProduct(@Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, (params) => this.prices.createProduct(params));
  }

  @Get('products/:id')
  retrieveProduct(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, () => this.prices.retrieveProduct(id));
  }

  @Get('subscriptions/:id')
  retrieveSubscription(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, (params) => this.subscriptions.retrieve(id, params));
  }

  @Post('subscriptions/:id')
  updateSubscription(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, (params) => this.subscriptions.update(id, params));
  }

  @Delete('subscriptions/:id')
  cancelSubscription(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, (params) => this.subscriptions.cancel(id, params));
  }

  @Get('invoices')
  listInvoices(@Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, (params) => this.subscriptions.listInvoices(params));
  }

  @Get('invoices/:id')
  retrieveInvoice(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, (params) => this.subscriptions.retrieveInvoice(id, params));
  }

  @Get('customers/:id')
  retrieveCustomer(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, () => this.subscriptions.retrieveCustomer(id));
  }

  @Post('test_helpers/test_clocks')
  createTestClock(@Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, (params) => this.clocks.create(params));
  }

  @Get('test_helpers/test_clocks/:id')
  retrieveTestClock(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, () => this.clocks.retrieve(id));
  }

  @Post('test_helpers/test_clocks/:id/advance')
  advanceTestClock(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, (params) => this.clocks.advance(id, params));
  }

  private handle(req: Request, res: Response, operation: (params: Params) => Operation): void {
    const request = stripeApiRequest(req);
    sendApiResponse(res, this.gateway.handle(request, operation(request.params)));
  }
}
