import { Money, minOf, money, percentOf } from '@payments/money';
import { PricingError } from './pricing.error';
import { Coupon } from './pricing.types';

const MAX_BASIS_POINTS = 10_000;
/** What a coupon code may look like: the gateway refuses anything else before it gets here. */
const COUPON_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** False for text that cannot be one of our coupon codes (and must not reach a query, NUL bytes included). */
export function isCouponCodeShaped(code: string): boolean {
  return COUPON_CODE.test(code);
}

/**
 * The discount a coupon gives on `subtotal` at `now`: a percentage of the subtotal rounded half-up
 * to the minor unit, or the fixed amount capped at the subtotal. Refuses a coupon outside its
 * [validFrom, validUntil) window, used up, or restricted to another currency.
 */
export function couponDiscount(coupon: Coupon, subtotal: Money, now: Date): Money {
  assertRedeemable(coupon, subtotal.currency, now);
  if (coupon.kind === 'percent') {
    return percentOf(subtotal, percentBasisPointsOf(coupon), 'half-up');
  }
  return minOf(fixedAmountOf(coupon), subtotal);
}

function assertRedeemable(coupon: Coupon, currency: string, now: Date): void {
  const validFrom = Date.parse(coupon.validFrom);
  const validUntil = Date.parse(coupon.validUntil);
  if (Number.isNaN(validFrom) || Number.isNaN(validUntil)) {
    throw invalid(coupon, 'has an unreadable validity window');
  }
  if (now.getTime() < validFrom) {
    throw new PricingError('PRICING.COUPON_NOT_YET_VALID', `Coupon ${coupon.code} is valid from ${coupon.validFrom}`);
  }
  if (now.getTime() >= validUntil) {
    throw new PricingError('PRICING.COUPON_EXPIRED', `Coupon ${coupon.code} expired at ${coupon.validUntil}`);
  }
  if (coupon.maxRedemptions !== undefined && coupon.redemptions >= coupon.maxRedemptions) {
    throw new PricingError('PRICING.COUPON_EXHAUSTED', `Coupon ${coupon.code} has been fully redeemed`);
  }
  if (coupon.currency !== undefined && coupon.currency !== currency) {
    throw new PricingError(
      'PRICING.COUPON_CURRENCY_MISMATCH',
      `Coupon ${coupon.code} applies to ${coupon.currency} orders, not ${currency}`,
    );
  }
}

function percentBasisPointsOf(coupon: Coupon): number {
  const bp = coupon.percentBasisPoints;
  if (bp === undefined || !Number.isInteger(bp) || bp < 1 || bp > MAX_BASIS_POINTS) {
    throw invalid(coupon, `needs percentBasisPoints from 1 to ${MAX_BASIS_POINTS}`);
  }
  return bp;
}

function fixedAmountOf(coupon: Coupon): Money {
  if (coupon.currency === undefined || coupon.amountMinor === undefined) {
    throw invalid(coupon, 'needs amountMinor and currency');
  }
  try {
    return money(coupon.amountMinor, coupon.currency);
  } catch {
    throw invalid(coupon, `has an invalid amount ${coupon.amountMinor} ${coupon.currency}`);
  }
}

function invalid(coupon: Coupon, problem: string): PricingError {
  return new PricingError('PRICING.INVALID_COUPON', `Coupon ${coupon.code} ${problem}`);
}
