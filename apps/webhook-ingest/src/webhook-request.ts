import type { RawBodyRequest } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { WebhookRequestError } from './webhook-ingest.errors';

/** The largest webhook body read; Stripe's and Cashfree's events are a few kilobytes. */
export const WEBHOOK_BODY_LIMIT = '256kb';

/** body-parser's error `type` (`entity.parse.failed`, `entity.too.large`...) per request, until the controller reads it. */
const bodyParserFailures = new WeakMap<Request, string>();

function bodyParserFailureType(error: unknown): string | null {
  return typeof error === 'object' && error !== null && 'type' in error && typeof error.type === 'string' ? error.type : null;
}

/**
 * Express error middleware, mounted after the body parsers and before the routes. A body they
 * could not parse goes on to the controller unparsed, its raw bytes kept, so that its signature is
 * checked before its content is judged; the failure is remembered for `webhookRawBody`, which
 * answers it in webhook-ingest's own codes.
 */
export function passBodyParserFailures(error: unknown, request: Request, _response: Response, next: NextFunction): void {
  const type = bodyParserFailureType(error);
  if (type === null) return next(error);
  bodyParserFailures.set(request, type);
  next();
}

const JSON_MEDIA_TYPE = /^\s*application\/json\s*(;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)"?/i;

/** `application/json`, with no charset or UTF-8: what both providers send. */
export function isJsonUtf8(contentType: string | undefined): boolean {
  if (!contentType || !JSON_MEDIA_TYPE.test(contentType)) return false;
  const charset = CHARSET.exec(contentType)?.[1];
  return charset === undefined || /^utf-?8$/i.test(charset);
}

/**
 * The raw bytes of a webhook request, ready to be verified; throws `WebhookRequestError` for a
 * request no provider sends: another content type, a body too large, cut short, or empty.
 */
export function webhookRawBody(request: RawBodyRequest<Request>): Buffer {
  if (!isJsonUtf8(request.headers['content-type'])) {
    throw new WebhookRequestError('WEBHOOK.UNSUPPORTED_CONTENT_TYPE', 'webhooks are read as application/json in UTF-8');
  }
  const failure = bodyParserFailures.get(request);
  if (failure === 'entity.too.large') throw new WebhookRequestError('WEBHOOK.BODY_TOO_LARGE', `the webhook body is larger than ${WEBHOOK_BODY_LIMIT}`);
  if (failure === 'encoding.unsupported') throw new WebhookRequestError('WEBHOOK.UNSUPPORTED_CONTENT_TYPE', 'the webhook body is in a content encoding we do not read');
  // A parse failure is left to the provider's reader, after the signature check.
  if (failure !== undefined && failure !== 'entity.parse.failed') throw new WebhookRequestError('WEBHOOK.MALFORMED_BODY', 'the webhook body did not arrive whole');
  if (!request.rawBody || request.rawBody.length === 0) throw new WebhookRequestError('WEBHOOK.EMPTY_BODY', 'webhook body is empty');
  return request.rawBody;
}
