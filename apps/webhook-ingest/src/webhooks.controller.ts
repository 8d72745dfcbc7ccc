import { BadRequestException, Controller, HttpCode, Post, Req, UseFilters } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import type { Request } from 'express';
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
    if (!request.rawBody || request.rawBody.length === 0) {
      throw new BadRequestException({ error: { code: 'WEBHOOK.EMPTY_BODY', message: 'webhook body is empty' } });
    }
    const result = await this.ingest.ingest('stripe', request.rawBody, request.headers);
    return { received: true, ...result };
  }
}
