import type { Request, Response } from 'express';
import { sendApiResponse, stripeApiRequest } from '../http/api-response.sender';
import type { Operation, StripeApiGateway } from './stripe-api.gateway';
import type { Params } from './stripe-params';

/** Runs one Stripe v1 route: the request's parameters into `operation`, through the gateway (key, idempotency), and the answer out. */
export function answerStripeCall(gateway: StripeApiGateway, req: Request, res: Response, operation: (params: Params) => Operation): void {
  const request = stripeApiRequest(req);
  sendApiResponse(res, gateway.handle(request, operation(request.params)));
}
