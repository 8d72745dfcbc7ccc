import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Response } from 'express';
import { WebhookSignatureError } from '@payments/providers';
import { LOGGER, Logger } from '@payments/observability';

/** The one place webhook-ingest turns errors into HTTP answers. */
@Catch()
export class WebhookErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof WebhookSignatureError) {
      this.logger.warn({ code: error.code }, 'webhook rejected: signature did not verify');
      response.status(400).json({ error: { code: error.code, message: error.message } });
      return;
    }
    if (error instanceof HttpException) {
      response.status(error.getStatus()).json(error.getResponse());
      return;
    }
    // Anything else: the provider must retry, so answer 5xx; nothing was acknowledged.
    this.logger.error({ err: error }, 'webhook could not be recorded');
    response.status(500).json({ error: { code: 'WEBHOOK.NOT_RECORDED', message: 'the event could not be recorded; retry later' } });
  }
}
