/** Why an order could not be priced. Each maps to a 422 (or 404) in checkout's response mapping. */
export type PricingErrorCode =
  | 'PRICING.PRODUCT_INACTIVE'
  | 'PRICING.CURRENCY_NOT_OFFERED'
  /** Quantity must be an integer from 1 to 100. */
  | 'PRICING.INVALID_QUANTITY'
  | 'PRICING.COUPON_EXPIRED'
  | 'PRICING.COUPON_NOT_YET_VALID'
  | 'PRICING.COUPON_EXHAUSTED'
  /** A coupon restricted to one currency was used on an order in another. */
  | 'PRICING.COUPON_CURRENCY_MISMATCH'
  /** The stored coupon itself is malformed (no percentage, no amount, unreadable dates...). */
  | 'PRICING.INVALID_COUPON'
  /** The tax rule given is for another currency or has an unusable rate. */
  | 'PRICING.INVALID_TAX_RULE'
  /** A subscription was asked for a product that is not a plan that renews. */
  | 'PRICING.NOT_A_PLAN';

export class PricingError extends Error {
  constructor(
    readonly code: PricingErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PricingError';
  }
}
