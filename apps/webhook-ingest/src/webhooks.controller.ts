import { Controller, HttpCode, Post, Req, UseFilters } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import type { Request } from 'express';
import type { ProviderName } from '@payments/providers';
import { IngestWebhookService } from './ingest-webhook.service';
import { WebhookErrorFilter } from './webhook-error.filter';
import { webhookRawBody } from './webhook-request';

/**
 * Providers' webhooks. 2xx only once the event is durably recorded; 4xx for anything we will never
 * accept (bad signature, not an event we can read), so the provider stops retrying it; 5xx only
 * when a valid event could not be recorded. The codes are in webhook-error.filter.ts.
 */
@Controller('webhooks')
@UseFilters(WebhookErrorFilter)
export class WebhooksController {
  constructor(private readonly ingest: IngestWebhookService) {}

  @Post('stripe')
  @HttpCode(200)
  async stripe(@Req() request: RawBodyRequest<Request>) {
    return this.receive('stripe', request);
  }

  /** Cashfree signs the raw bytes (amounts such as 170.00 included), so only `rawBody` is ever verified. */
  @Post('cashfree')
  @HttpCode(200)
  async cashfree(@Req() request: RawBodyRequest<Request>) {
    return this.receive('cashfree', request);
  }

  private async receive(provider: ProviderName, request: RawBodyRequest<Request>) {
    const result = await this.ingest.ingest(provider, webhookRawBody(request), request.headers);
    return { received: true, ...result };
  }
}
