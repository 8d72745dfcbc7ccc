import type { BillingInterval, OrderLine, PriceBreakdown, ProductKind } from '@payments/contracts';

/** A course or plan checkout sells, with its price per currency in minor units. */
export interface CatalogItem {
  productId: string;
  kind: ProductKind;
  title: string;
  /** Currency (ISO 4217, upper-case) -> unit price in that currency's minor unit. */
  prices: Record<string, number>;
  active: boolean;
  /** Plans that renew: how often. Absent for courses, and for plans sold once. */
  interval?: BillingInterval;
}

export interface Coupon {
  code: string;
  kind: 'percent' | 'fixed';
  /** Percent coupons: 1..10000 (2000 = 20%). */
  percentBasisPoints?: number;
  /** Fixed coupons: the amount off, in `currency`'s minor unit. */
  amountMinor?: number;
  /** Required for fixed coupons; when set, the coupon only applies to orders in this currency. */
  currency?: string;
  /** ISO time; the coupon is valid from this instant (inclusive)... */
  validFrom: string;
  /** ...until this instant (exclusive). */
  validUntil: string;
  maxRedemptions?: number;
  redemptions: number;
}

export interface TaxRule {
  currency: string;
  /** 1800 = 18%. */
  rateBasisPoints: number;
  /** true: catalog prices already include the tax; false: tax is added on top. */
  inclusive: boolean;
  label: string;
}

export interface PriceQuote extends PriceBreakdown {
  readonly lines: readonly OrderLine[];
  readonly currency: string;
  readonly taxLabel?: string;
  readonly couponCode?: string;
}

export interface PriceOrderInput {
  item: CatalogItem;
  quantity: number;
  currency: string;
  coupon?: Coupon;
  /** No rule means no tax for that currency. */
  taxRule?: TaxRule;
  now: Date;
}
