import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { METRICS, ServiceMetrics } from '@payments/observability';
import { routeLabelOf } from './route-label';

/**
 * Counts every answered request (`payments_http_requests_total`) and times it
 * (`payments_http_request_duration_seconds`), labelled by route pattern, method and status;
 * refusals by guards (401, 403, 429) included, as they are recorded when the response finishes.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(@Inject(METRICS) private readonly metrics: ServiceMetrics) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const stopTimer = this.metrics.httpDuration.startTimer();
    response.once('finish', () => {
      const labels = { method: request.method, route: routeLabelOf(request) };
      stopTimer(labels);
      this.metrics.httpRequests.inc({ ...labels, status: String(response.statusCode) });
    });
    next();
  }
}
