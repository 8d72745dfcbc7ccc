import { BadRequestException, Controller, HttpCode, Post, Req, UseFilters } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import type { Request } from 'express';
import type { ProviderName } from '@payments/providers';
import { IngestWebhookService } from './ingest-webhook.service';
import { WebhookErrorFilter } from './webhook-error.filter';

/** Providers' webhooks. 2xx only once the event is durably recorded; 400 for a bad signature. */
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
    if (!request.rawBody || request.rawBody.length === 0) {
      throw new BadRequestException({ error: { code: 'WEBHOOK.EMPTY_BODY', message: 'webhook body is empty' } });
    }
    const result = await this.ingest.ingest(provider, request.rawBody, request.headers);
    return { received: true, ...result };
  }
}
