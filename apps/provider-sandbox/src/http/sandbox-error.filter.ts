import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CashfreeErrors } from '../cashfree/cashfree-api.errors';
import { sendCashfreeResponse } from '../cashfree/cashfree-api.http';
import { StripeErrors } from '../stripe/stripe-api.errors';
import { sendApiResponse } from './api-response.sender';

/** The one place errors become HTTP answers: Stripe-shaped under /v1, Cashfree-shaped under /cashfree/pg, Nest's own shape elsewhere. */
@Catch()
export class SandboxErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('provider-sandbox');

  catch(error: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const status = error instanceof HttpException ? error.getStatus() : 500;
    if (status >= 500) this.logger.error(`${req.method} ${req.path} failed: ${(error as Error)?.stack ?? String(error)}`);
    if (req.path.startsWith('/v1/')) {
      const response = status === 404
        ? StripeErrors.unrecognizedUrl(req.method, req.path)
        : status < 500 ? StripeErrors.malformedBody((error as Error).message) : StripeErrors.internal();
      sendApiResponse(res, response);
      return;
    }
    if (req.path.startsWith('/cashfree/pg/')) {
      sendCashfreeResponse(res, status === 404 ? CashfreeErrors.unrecognizedUrl() : status < 500 ? CashfreeErrors.malformedBody() : CashfreeErrors.internal());
      return;
    }
    res.status(status).json(error instanceof HttpException ? error.getResponse() : { statusCode: 500, message: 'internal error' });
  }
}
