export type ProviderName = 'stripe' | 'cashfree';
export type ProductKind = 'course' | 'plan';

export interface OrderLine {
  readonly productId: string;
  readonly kind: ProductKind;
  readonly quantity: number;
  readonly unitAmountMinor: number;
}

export interface PriceBreakdown {
  readonly subtotalMinor: number;
  readonly discountMinor: number;
  readonly taxMinor: number;
  readonly totalMinor: number;
}
