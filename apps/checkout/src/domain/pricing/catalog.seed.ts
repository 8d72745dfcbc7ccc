import { CatalogItem, Coupon, TaxRule } from './pricing.types';

/** Development catalog: what local runs, the sandbox and tests sell. */
export const SEED_CATALOG: readonly CatalogItem[] = [
  {
    productId: 'course-typescript-101',
    kind: 'course',
    title: 'TypeScript 101',
    prices: { INR: 49900, USD: 1900, JPY: 2900, KWD: 6500 },
    active: true,
  },
  {
    productId: 'course-event-sourcing',
    kind: 'course',
    title: 'Event Sourcing in Practice',
    prices: { INR: 129900, USD: 4900, JPY: 7400, KWD: 15000 },
    active: true,
  },
  {
    productId: 'plan-pro-monthly',
    kind: 'plan',
    title: 'Pro plan (monthly)',
    prices: { INR: 79900, USD: 2900, JPY: 4400, KWD: 9000 },
    active: true,
    interval: 'month',
  },
  {
    productId: 'plan-pro-yearly',
    kind: 'plan',
    title: 'Pro plan (yearly)',
    prices: { INR: 799900, USD: 29900, JPY: 44000, KWD: 90000 },
    active: true,
    interval: 'year',
  },
  {
    productId: 'course-angularjs-legacy',
    kind: 'course',
    title: 'AngularJS (retired)',
    prices: { INR: 19900, USD: 900 },
    active: false,
  },
];

export const SEED_COUPONS: readonly Coupon[] = [
  { code: 'LAUNCH20', kind: 'percent', percentBasisPoints: 2000, validFrom: '2024-01-01T00:00:00Z', validUntil: '2100-01-01T00:00:00Z', redemptions: 0 },
  { code: 'FLAT100INR', kind: 'fixed', amountMinor: 10000, currency: 'INR', validFrom: '2024-01-01T00:00:00Z', validUntil: '2100-01-01T00:00:00Z', redemptions: 0 },
  { code: 'WELCOME5USD', kind: 'fixed', amountMinor: 500, currency: 'USD', validFrom: '2024-01-01T00:00:00Z', validUntil: '2100-01-01T00:00:00Z', maxRedemptions: 1000, redemptions: 0 },
  { code: 'SUMMER2024', kind: 'percent', percentBasisPoints: 1500, validFrom: '2024-06-01T00:00:00Z', validUntil: '2024-09-01T00:00:00Z', redemptions: 0 },
];

/** India's GST on online courses is 18%, added on top of catalog prices. Other currencies: no rule, no tax. */
export const DEFAULT_TAX_RULES: readonly TaxRule[] = [
  { currency: 'INR', rateBasisPoints: 1800, inclusive: false, label: 'GST 18%' },
];
