import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Response } from 'express';
import { WebhookPayloadError, WebhookSignatureError } from '@payments/providers';
import { LOGGER, Logger, METRICS, ServiceMetrics } from '@payments/observability';
import { WebhookRequestError } from './webhook-ingest.errors';
import { WebhookMetrics, webhookMetrics } from './webhook.metrics';

/** A request we will never accept, whatever the provider retries: answered 4xx, nothing recorded. */
type Refusal = WebhookSignatureError | WebhookPayloadError | WebhookRequestError;

function isRefusal(error: unknown): error is Refusal {
  return error instanceof WebhookSignatureError || error instanceof WebhookPayloadError || error instanceof WebhookRequestError;
}

const statusOf = (refusal: Refusal) => (refusal.code === 'WEBHOOK.BODY_TOO_LARGE' ? 413 : 400);

/**
 * The one place webhook-ingest turns errors into HTTP answers:
 * - 400 `WEBHOOK.SIGNATURE_INVALID`: forged, signed with an unknown secret, or dated outside the tolerance;
 * - 400 `WEBHOOK.UNSUPPORTED_CONTENT_TYPE`, `WEBHOOK.EMPTY_BODY`, `WEBHOOK.MALFORMED_BODY`,
 *   `WEBHOOK.TOO_DEEP`, `WEBHOOK.MISSING_FIELD`, `WEBHOOK.INVALID_FIELD`: an event we cannot read;
 * - 413 `WEBHOOK.BODY_TOO_LARGE`;
 * - 500 `WEBHOOK.NOT_RECORDED`: a valid event we could not record (the database is down); the provider retries.
 */
@Catch()
export class WebhookErrorFilter implements ExceptionFilter {
  private readonly metrics: WebhookMetrics;

  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) metrics: ServiceMetrics,
  ) {
    this.metrics = webhookMetrics(metrics.registry);
  }

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (isRefusal(error)) {
      this.logger.warn({ code: error.code }, `webhook refused: ${error.message}`);
      this.metrics.refused.inc({ code: error.code });
      response.status(statusOf(error)).json({ error: { code: error.code, message: error.message } });
      return;
    }
    if (error instanceof HttpException) {
      response.status(error.getStatus()).json(error.getResponse());
      return;
    }
    // Anything else: the provider must retry, so answer 5xx; nothing was acknowledged.
    this.logger.error({ err: error }, 'webhook could not be recorded');
    this.metrics.notRecorded.inc();
    response.status(500).json({ error: { code: 'WEBHOOK.NOT_RECORDED', message: 'the event could not be recorded; retry later' } });
  }
}
