import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Response } from 'express';
import { KafkaJSError } from 'kafkajs';
import { LOGGER, Logger } from '@payments/observability';
import { CheckoutTimeoutError } from './checkout/checkout-replies';
import { GatewayError } from './gateway.errors';

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

const CODES_BY_STATUS: Record<number, string> = {
  400: 'REQUEST.INVALID',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'REQUEST.TOO_LARGE',
  429: 'RATE_LIMITED',
};

/** Nest's own exceptions (validation, 404 routes, body too large) in our `{error:{code,message}}` shape. */
function fromHttpException(error: HttpException): ErrorBody {
  const body = error.getResponse();
  if (typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'object') return body as ErrorBody;
  const status = error.getStatus();
  const message = typeof body === 'object' && body !== null && 'message' in body ? body.message : error.message;
  return {
    error: {
      code: CODES_BY_STATUS[status] ?? `HTTP.${status}`,
      message: Array.isArray(message) ? message.join('; ') : String(message),
      ...(Array.isArray(message) ? { details: message } : {}),
    },
  };
}

/** body-parser's own errors (too large, bad JSON, bad charset) carry a 4xx `status` and a `type`. */
function isBodyParserError(error: unknown): error is Error & { status: number } {
  const candidate = error as { status?: unknown; type?: unknown };
  return typeof candidate?.status === 'number' && candidate.status >= 400 && candidate.status < 500 && typeof candidate.type === 'string';
}

/** The one place the gateway maps errors to HTTP answers. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof GatewayError) {
      response.status(error.status).json({ error: { code: error.code, message: error.message } });
    } else if (error instanceof HttpException) {
      response.status(error.getStatus()).json(fromHttpException(error));
    } else if (isBodyParserError(error)) {
      const status = error.status;
      response.status(status).json({ error: { code: CODES_BY_STATUS[status] ?? `HTTP.${status}`, message: error.message } });
    } else if (error instanceof CheckoutTimeoutError) {
      response.status(504).json({ error: { code: error.code, message: error.message } });
    } else if (error instanceof KafkaJSError) {
      this.logger.error({ err: error }, 'could not reach Kafka');
      response.status(503).json({ error: { code: 'SERVICE.UNAVAILABLE', message: 'checkout is unavailable; retry with the same Idempotency-Key' } });
    } else {
      this.logger.error({ err: error }, 'unhandled error');
      response.status(500).json({ error: { code: 'INTERNAL', message: 'internal error' } });
    }
  }
}
