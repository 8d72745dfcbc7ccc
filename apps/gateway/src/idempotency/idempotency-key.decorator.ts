import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import { GatewayError } from '../gateway.error';

/** 1-255 printable ASCII characters without spaces (Stripe allows 255). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** The Idempotency-Key header, required and well-formed, else 400 IDEMPOTENCY.KEY_MISSING / KEY_INVALID. */
export function idempotencyKeyOf(header: string | string[] | undefined): string {
  if (header === undefined || header === '') {
    throw new GatewayError('IDEMPOTENCY.KEY_MISSING', 'the Idempotency-Key header is required');
  }
  if (typeof header !== 'string' || !IDEMPOTENCY_KEY.test(header)) {
    throw new GatewayError('IDEMPOTENCY.KEY_INVALID', 'Idempotency-Key must be 1-255 printable ASCII characters without spaces');
  }
  return header;
}

/** Injects the validated Idempotency-Key header. */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string =>
  idempotencyKeyOf(context.switchToHttp().getRequest<Request>().headers['idempotency-key']),
);

export const IDEMPOTENCY_KEY_HEADER_DOC = {
  name: 'Idempotency-Key',
  required: true,
  description: '1-255 printable ASCII characters, unique per intended operation; a retry reuses it',
} as const;
