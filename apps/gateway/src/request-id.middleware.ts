import { randomUUID } from 'node:crypto';
import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;
const KEY = Symbol('requestId');

/**
 * Every request gets an id (the caller's X-Request-Id if sane); it becomes the correlation id of the
 * Kafka messages the request causes (envelope and `correlation-id` header).
 */
@Injectable()
export class RequestIdMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    const incoming = request.header('x-request-id');
    const id = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    (request as unknown as Record<symbol, string>)[KEY] = id;
    response.setHeader('X-Request-Id', id);
    next();
  }
}

export function requestIdOf(request: Request): string {
  return (request as unknown as Record<symbol, string>)[KEY] ?? randomUUID();
}
