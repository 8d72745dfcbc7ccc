import type { Recurrence } from './billing-period';

/** A Product as Stripe's API returns it (fields the sandbox does not simulate are null or empty). */
export interface SandboxProduct {
  readonly id: string;
  readonly object: 'product';
  readonly active: boolean;
  readonly created: number;
  readonly default_price: string | null;
  readonly description: string | null;
  readonly images: readonly string[];
  readonly livemode: false;
  readonly marketing_features: readonly never[];
  readonly metadata: Readonly<Record<string, string>>;
  readonly name: string;
  readonly package_dimensions: null;
  readonly shippable: null;
  readonly tax_code: null;
  readonly tax_details: null;
  readonly type: 'service';
  readonly updated: number;
  readonly url: null;
}

export interface PriceRecurring {
  readonly interval: Recurrence['interval'];
  readonly interval_count: number;
  readonly meter: null;
  readonly trial_period_days: null;
  readonly usage_type: 'licensed';
}

/** A Price as Stripe's API returns it: per unit, licensed, one-time or recurring. */
export interface SandboxPrice {
  readonly id: string;
  readonly object: 'price';
  readonly active: boolean;
  readonly billing_scheme: 'per_unit';
  readonly created: number;
  readonly currency: string;
  readonly custom_unit_amount: null;
  readonly livemode: false;
  readonly lookup_key: string | null;
  readonly metadata: Readonly<Record<string, string>>;
  readonly nickname: string | null;
  readonly product: string;
  readonly recurring: PriceRecurring | null;
  readonly tax_behavior: 'unspecified';
  readonly tiers_mode: null;
  readonly transform_quantity: null;
  readonly type: 'one_time' | 'recurring';
  readonly unit_amount: number;
  /** A decimal string, as Stripe sends it; the SDK reads it as a `Decimal`. */
  readonly unit_amount_decimal: string;
}

export interface CreateProductParams {
  readonly name: string;
  readonly description: string | null;
  readonly metadata: Readonly<Record<string, string>>;
}

export interface CreatePriceParams {
  readonly currency: string;
  readonly unitAmount: number;
  readonly recurrence: Recurrence | null;
  /** An existing product, or one to create with the price (`product_data`). */
  readonly product: { readonly id: string } | { readonly data: CreateProductParams };
  readonly lookupKey: string | null;
  readonly nickname: string | null;
  readonly metadata: Readonly<Record<string, string>>;
  /** False for the prices Checkout creates from `price_data`: Stripe keeps those inactive. */
  readonly active: boolean;
}

export function newProduct(id: string, params: CreateProductParams, createdAt: number): SandboxProduct {
  return {
    id, object: 'product', active: true, created: createdAt, default_price: null, description: params.description, images: [], livemode: false,
    marketing_features: [], metadata: params.metadata, name: params.name, package_dimensions: null, shippable: null, tax_code: null,
    tax_details: null, type: 'service', updated: createdAt, url: null,
  };
}

export function newPrice(id: string, params: CreatePriceParams, productId: string, createdAt: number): SandboxPrice {
  const recurring: PriceRecurring | null = params.recurrence
    ? { interval: params.recurrence.interval, interval_count: params.recurrence.intervalCount, meter: null, trial_period_days: null, usage_type: 'licensed' }
    : null;
  return {
    id, object: 'price', active: params.active, billing_scheme: 'per_unit', created: createdAt, currency: params.currency, custom_unit_amount: null,
    livemode: false, lookup_key: params.lookupKey, metadata: params.metadata, nickname: params.nickname, product: productId, recurring,
    tax_behavior: 'unspecified', tiers_mode: null, transform_quantity: null, type: recurring ? 'recurring' : 'one_time',
    unit_amount: params.unitAmount, unit_amount_decimal: String(params.unitAmount),
  };
}

/** The recurrence of a recurring price, in the sandbox's terms; null for a one-time price. */
export function recurrenceOf(price: SandboxPrice): Recurrence | null {
  return price.recurring ? { interval: price.recurring.interval, intervalCount: price.recurring.interval_count } : null;
}
