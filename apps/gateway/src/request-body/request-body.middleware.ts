import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { GatewayError } from '../gateway.error';
import { bodyShapeProblem, contentTypeProblem, hasBody } from './request-body.rules';

/**
 * Right after the body parser, before any guard or pipe: a body must be UTF-8 JSON (else 415), and
 * one nested too deep or holding a prototype key is a 400 before validation recurses into it.
 */
@Injectable()
export class RequestBodyMiddleware implements NestMiddleware {
  use(request: Request, _response: Response, next: NextFunction): void {
    if (hasBody(request.headers)) {
      const typeProblem = contentTypeProblem(request.headers['content-type']);
      if (typeProblem) throw new GatewayError('REQUEST.UNSUPPORTED_MEDIA_TYPE', typeProblem);
      const shapeProblem = bodyShapeProblem(request.body);
      if (shapeProblem) throw new GatewayError('REQUEST.INVALID', shapeProblem);
    }
    next();
  }
}
