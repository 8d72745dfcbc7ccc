import type { Request, Response } from 'express';
import type { ApiResponse } from '../stripe/stripe-api.errors';
import type { StripeApiRequest } from '../stripe/stripe-api.gateway';

export function sendApiResponse(res: Response, response: ApiResponse): void {
  for (const [name, value] of Object.entries(response.headers ?? {})) res.setHeader(name, value);
  res.status(response.status).json(response.body);
}

const header = (req: Request, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The parts of an express request the Stripe gateway looks at. */
export function stripeApiRequest(req: Request): StripeApiRequest {
  // stripe-node sends the parameters of GET and DELETE in the query string.
  const params = req.method === 'GET' || req.method === 'DELETE' ? req.query : req.body;
  return {
    method: req.method,
    path: req.path,
    authorization: header(req, 'authorization'),
    idempotencyKey: header(req, 'idempotency-key'),
    params: params && typeof params === 'object' ? (params as Record<string, unknown>) : {},
  };
}
