import type { CheckoutReply } from './checkout-replies';

/**
 * True when checkout refused the request because of its coupon: unknown, expired, not yet valid,
 * used up, for another currency, or malformed. Each tells whoever guesses codes something, so each
 * counts as a failed coupon lookup.
 */
export function isCouponRefusal(reply: CheckoutReply): boolean {
  if (reply.statusCode < 400 || reply.statusCode >= 500) return false;
  let code: unknown;
  try {
    code = (JSON.parse(reply.body) as { error?: { code?: unknown } }).error?.code;
  } catch {
    return false;
  }
  return typeof code === 'string' && (code.startsWith('PRICING.COUPON_') || code === 'PRICING.INVALID_COUPON');
}
