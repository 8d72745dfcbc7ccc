import type { ProviderName } from '@payments/contracts';
import type { OpenCheckoutResult, ProviderError } from '@payments/providers';
import type { PriceQuote } from '../domain/pricing';
import type { StoredResponse } from '../idempotency.repository';

/** The JSON error body every checkout failure uses: a stable code and a sentence. */
export function errorResponse(statusCode: number, code: string, message: string): StoredResponse {
  return { statusCode, body: JSON.stringify({ error: { code, message } }) };
}

export function jsonResponse(statusCode: number, body: unknown): StoredResponse {
  return { statusCode, body: JSON.stringify(body) };
}

/** Domain error codes -> HTTP status, in one place. */
export function statusForCode(code: string): number {
  if (code === 'CATALOG.PRODUCT_NOT_FOUND' || code === 'PRICING.COUPON_NOT_FOUND') return 404;
  if (code === 'IDEMPOTENCY.IN_FLIGHT') return 409;
  if (code === 'IDEMPOTENCY.KEY_REUSED') return 422;
  if (code.startsWith('PRICING.') || code.startsWith('ROUTING.') || code.startsWith('MONEY.')) return 422;
  if (code === 'PROVIDER.DECLINED') return 402;
  if (code === 'PROVIDER.RATE_LIMITED' || code === 'PROVIDER.UNAVAILABLE') return 503;
  if (code.startsWith('PROVIDER.')) return 502;
  return 500;
}

/** Names the field, never the code sent: it is the client's free text (a card number, for all we know). */
export function couponNotFoundResponse(): StoredResponse {
  return errorResponse(404, 'PRICING.COUPON_NOT_FOUND', 'couponCode does not name a coupon that can be used');
}

export function inFlightResponse(): StoredResponse {
  return errorResponse(409, 'IDEMPOTENCY.IN_FLIGHT', 'a request with this Idempotency-Key is still being processed; retry shortly');
}

export function keyReusedResponse(): StoredResponse {
  return errorResponse(422, 'IDEMPOTENCY.KEY_REUSED', 'this Idempotency-Key was used with a different request body');
}

/** 201 for an opened session: the server's own price breakdown and what the browser needs to pay. */
export function openedResponse(orderId: string, provider: ProviderName, quote: PriceQuote, session: OpenCheckoutResult): StoredResponse {
  return jsonResponse(201, {
    orderId,
    status: 'pending',
    provider,
    amountMinor: quote.totalMinor,
    currency: quote.currency,
    lines: quote.lines,
    breakdown: {
      subtotalMinor: quote.subtotalMinor, discountMinor: quote.discountMinor, taxMinor: quote.taxMinor, totalMinor: quote.totalMinor,
      couponCode: quote.couponCode ?? null, taxLabel: quote.taxLabel ?? null,
    },
    payment: {
      providerReference: session.providerReference, clientSecret: session.clientSecret ?? null,
      redirectUrl: session.redirectUrl ?? null, paymentSessionId: session.paymentSessionId ?? null,
    },
  });
}

/**
 * 402 declined, 503 provider unavailable or throttling us, 502 anything else (our configuration or
 * request was refused). The provider's own words stay in the order row, not in the client's answer.
 * The answer is stored: a retry with the same key replays it, so the client needs a new key.
 */
export function providerFailureResponse(orderId: string, error: ProviderError): StoredResponse {
  const statusCode = statusForCode(error.code);
  const why = statusCode === 402 ? 'declined the payment' : statusCode === 503 ? 'is unavailable' : 'refused to open the payment session';
  return errorResponse(statusCode, error.code, `the payment provider ${why} for order ${orderId}; to try again, send a new Idempotency-Key`);
}
