import type { Request, Response } from 'express';
import { DeliveryFaults, parseDeliveryFaults } from '../domain/delivery-faults';
import { ApiResponse, stripeError } from '../stripe/stripe-api.errors';
import { sendApiResponse } from './api-response.sender';

/** The body every Stripe control endpoint accepts: delivery faults for the events it causes, plus its own fields. */
export interface ControlBody {
  faults?: unknown;
  declineCode?: string;
  message?: string;
  failureReason?: string;
}

/** Reads `faults` from a control request (400 if malformed), runs the change with them, and sends its answer. */
export function answerWithFaults(res: Response, body: ControlBody | undefined, change: (faults: DeliveryFaults) => ApiResponse): void {
  const faults = parseDeliveryFaults(body?.faults);
  if (!faults.ok) {
    sendApiResponse(res, stripeError(400, { type: 'invalid_request_error', param: 'faults', message: faults.message }));
    return;
  }
  sendApiResponse(res, change(faults.faults));
}

/** The sandbox as the caller reached it, e.g. `http://127.0.0.1:4010`: hosted-page URLs must work from there. */
export function callerBaseUrl(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;
}
