import { pricePlan } from './price-plan';
import { CatalogItem } from './pricing.types';

const now = new Date('2026-12-02T10:00:00Z');
const monthly: CatalogItem = { productId: 'plan-pro-monthly', kind: 'plan', title: 'Pro plan (monthly)', prices: { INR: 79900, USD: 2900 }, active: true, interval: 'month' };
const gst = { currency: 'INR', rateBasisPoints: 1800, inclusive: false, label: 'GST 18%' };

describe('pricing one period of a plan', () => {
  it('prices one unit of the plan, taxed as a one-time order, and says how often it renews', () => {
    expect(pricePlan({ item: monthly, currency: 'INR', taxRule: gst, now })).toEqual({
      interval: 'month',
      quote: {
        lines: [{ productId: 'plan-pro-monthly', kind: 'plan', quantity: 1, unitAmountMinor: 79900 }], currency: 'INR',
        subtotalMinor: 79900, discountMinor: 0, taxMinor: 14382, totalMinor: 94282, taxLabel: 'GST 18%',
      },
    });
    expect(pricePlan({ item: { ...monthly, interval: 'year' }, currency: 'USD', now })).toMatchObject({ interval: 'year', quote: { totalMinor: 2900, taxMinor: 0 } });
  });

  it.each<[string, Partial<CatalogItem>]>([
    ['a course', { kind: 'course', interval: undefined }],
    ['a course that names an interval', { kind: 'course' }],
    ['a plan sold once', { interval: undefined }],
  ])('refuses %s as PRICING.NOT_A_PLAN', (_label, change) => {
    expect(() => pricePlan({ item: { ...monthly, ...change }, currency: 'USD', now })).toThrow(expect.objectContaining({ code: 'PRICING.NOT_A_PLAN' }));
  });

  it('refuses what a one-time order refuses: a currency not offered, a plan no longer sold', () => {
    expect(() => pricePlan({ item: monthly, currency: 'EUR', now })).toThrow(expect.objectContaining({ code: 'PRICING.CURRENCY_NOT_OFFERED' }));
    expect(() => pricePlan({ item: { ...monthly, active: false }, currency: 'USD', now })).toThrow(expect.objectContaining({ code: 'PRICING.PRODUCT_INACTIVE' }));
  });
});
