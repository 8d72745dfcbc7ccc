import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Response } from 'express';
import { LOGGER, Logger } from '@payments/observability';
import { GatewayError, GatewayErrorCode } from './gateway.error';
import { parserRefusalOf } from './request-body/body-parser.errors';
import { redactedMessages } from './request-body/client-text';

interface ErrorBody {
  error: { code: string; message: string; details?: string[] };
}

/** Each gateway error code's HTTP status: the one table. */
export const STATUS_BY_CODE: Readonly<Record<GatewayErrorCode, number>> = {
  'REQUEST.INVALID': 400,
  'IDEMPOTENCY.KEY_MISSING': 400,
  'IDEMPOTENCY.KEY_INVALID': 400,
  'REQUEST.TOO_LARGE': 413,
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': 415,
  'AUTH.UNAUTHENTICATED': 401,
  'AUTH.FORBIDDEN': 403,
  'ORDER.NOT_FOUND': 404,
  'SUBSCRIPTION.NOT_FOUND': 404,
  'PAYMENT_FAILURE.NOT_FOUND': 404,
  'REVIEW_FLAG.NOT_FOUND': 404,
  'UNMATCHED_PAYMENT.NOT_FOUND': 404,
  'DEAD_LETTER.TOPIC_NOT_FOUND': 404,
  'PARKED_MESSAGE.NOT_FOUND': 404,
  'DISPUTE.NOT_FOUND': 404,
  'DISPUTE.CLOSED': 409,
  'RECONCILIATION.NOT_FOUND': 404,
  'ORDER.NOT_REFUNDABLE': 409,
  'IDEMPOTENCY.IN_FLIGHT': 409,
  'IDEMPOTENCY.KEY_REUSED': 422,
  'REFUND.EXCEEDS_REMAINDER': 422,
  'RATE_LIMITED': 429,
  'SERVICE.UNAVAILABLE': 503,
  'CHECKOUT.TIMEOUT': 504,
};

/** Codes for Nest's and Express's own refusals (validation, unknown routes, oversized bodies). */
const CODES_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'REQUEST.INVALID',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
};

/** Nest's refusal as our error body; its messages may echo what the client sent, so they are redacted. */
export function fromHttpException(error: HttpException): ErrorBody {
  const body = error.getResponse();
  const status = error.getStatus();
  const message = typeof body === 'object' && body !== null && 'message' in body ? body.message : error.message;
  const messages = redactedMessages(Array.isArray(message) ? message.map(String) : [String(message)]);
  return {
    error: {
      code: CODES_BY_STATUS[status] ?? `HTTP.${status}`,
      message: messages.join('; '),
      ...(Array.isArray(message) ? { details: messages } : {}),
    },
  };
}

/** The one place the gateway maps errors to HTTP answers, all shaped `{ error: { code, message } }`. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const refusal = error instanceof GatewayError ? error : parserRefusalOf(error);
    if (refusal) {
      this.send(response, STATUS_BY_CODE[refusal.code], { error: { code: refusal.code, message: refusal.message } }, refusal);
    } else if (error instanceof HttpException) {
      this.send(response, error.getStatus(), fromHttpException(error));
    } else {
      this.logger.error({ err: error }, 'unhandled error');
      this.send(response, 500, { error: { code: 'INTERNAL', message: 'internal error' } });
    }
  }

  private send(response: Response, status: number, body: ErrorBody, cause?: GatewayError): void {
    if (response.headersSent) return;
    if (status === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="payments"');
    if (cause?.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(cause.retryAfterSeconds));
    if (status === 503) response.setHeader('Retry-After', '5');
    response.status(status).json(body);
  }
}
