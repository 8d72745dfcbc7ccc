import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { parseDeliveryFaults } from '../domain/delivery-faults';
import { StripeWebhookPublisher } from './stripe-webhook.publisher';

/** The run's default delivery faults; faults sent with a control request override them. */
@Controller('_sandbox/faults')
export class SandboxFaultsController {
  constructor(private readonly publisher: StripeWebhookPublisher) {}

  @Get()
  current() {
    return { faults: this.publisher.defaultFaults };
  }

  /** Body `{ "faults": { ... } }` replaces the defaults. */
  @Post()
  @HttpCode(200)
  replace(@Body() body: { faults?: unknown } | undefined) {
    const parsed = parseDeliveryFaults(body?.faults ?? {});
    if (!parsed.ok) throw new BadRequestException({ error: { type: 'invalid_request_error', param: 'faults', message: parsed.message } });
    this.publisher.defaultFaults = parsed.faults;
    return { faults: parsed.faults };
  }

  @Delete()
  reset() {
    this.publisher.defaultFaults = {};
    return { faults: {} };
  }
}
