import { StoredResponse } from '../idempotency.repository';

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
  if (code.startsWith('PRICING.') || code.startsWith('ROUTING.') || code.startsWith('MONEY.')) return 422;
  if (code === 'PROVIDER.DECLINED') return 402;
  if (code === 'PROVIDER.RATE_LIMITED' || code === 'PROVIDER.UNAVAILABLE') return 503;
  if (code.startsWith('PROVIDER.')) return 502;
  return 500;
}
