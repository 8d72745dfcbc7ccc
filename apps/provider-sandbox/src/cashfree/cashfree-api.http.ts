import type { Request, Response } from 'express';
import { writeCashfreeJson } from '@payments/providers';
import type { CashfreeApiResponse } from './cashfree-api.errors';
import type { CashfreeApiRequest } from './cashfree-api.gateway';

/** Writes a Cashfree answer with its amounts as decimals (`588.82`, `170.00`), as Cashfree writes them. */
export function sendCashfreeResponse(res: Response, response: CashfreeApiResponse): void {
  for (const [name, value] of Object.entries(response.headers ?? {})) res.setHeader(name, value);
  res.status(response.status).type('application/json').send(writeCashfreeJson(response.body));
}

const header = (req: Request, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The parts of an express request the Cashfree gateway looks at. */
export function cashfreeApiRequest(req: Request): CashfreeApiRequest {
  return {
    method: req.method,
    path: req.path,
    clientId: header(req, 'x-client-id'),
    clientSecret: header(req, 'x-client-secret'),
    apiVersion: header(req, 'x-api-version'),
    requestId: header(req, 'x-request-id'),
    idempotencyKey: header(req, 'x-idempotency-key'),
    body: req.method === 'GET' ? undefined : req.body,
  };
}
