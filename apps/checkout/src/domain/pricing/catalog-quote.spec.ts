import { quoteCatalog } from './catalog-quote';
import { CatalogItem, Coupon, TaxRule } from './pricing.types';

const now = new Date('2026-03-01T00:00:00Z');
const course: CatalogItem = { productId: 'course-a', kind: 'course', title: 'A', prices: { USD: 1900, INR: 49900 }, active: true };
const plan: CatalogItem = { productId: 'plan-b', kind: 'plan', title: 'B', prices: { USD: 2900 }, active: true };
const retired: CatalogItem = { productId: 'course-old', kind: 'course', title: 'Old', prices: { USD: 900 }, active: false };
const percent: Coupon = { code: 'LAUNCH20', kind: 'percent', percentBasisPoints: 2000, validFrom: '2024-01-01T00:00:00Z', validUntil: '2100-01-01T00:00:00Z', redemptions: 0 };
const gst: TaxRule = { currency: 'INR', rateBasisPoints: 1800, inclusive: false, label: 'GST 18%' };

describe('quoteCatalog', () => {
  it('prices one unit of every active item, leaving retired items out', () => {
    const quoted = quoteCatalog({ items: [course, plan, retired], currency: 'USD', now });
    expect(quoted.map((entry) => [entry.productId, entry.quote?.totalMinor])).toEqual([['course-a', 1900], ['plan-b', 2900]]);
  });

  it('applies the coupon and the tax exactly as a checkout would', () => {
    const [entry] = quoteCatalog({ items: [course], currency: 'INR', coupon: percent, taxRule: gst, now });
    expect(entry.quote).toMatchObject({ subtotalMinor: 49900, discountMinor: 9980, taxMinor: 7186, totalMinor: 47106, couponCode: 'LAUNCH20', taxLabel: 'GST 18%' });
  });

  it('prices a plan without the coupon, as its subscription will be charged', () => {
    const [coursed, planned] = quoteCatalog({ items: [course, plan], currency: 'USD', coupon: percent, now });
    expect(coursed.quote).toMatchObject({ discountMinor: 380, totalMinor: 1520 });
    expect(planned.quote).toMatchObject({ discountMinor: 0, totalMinor: 2900 });
  });

  it('leaves an item not sold in the currency unpriced instead of refusing the catalog', () => {
    const quoted = quoteCatalog({ items: [course, plan], currency: 'INR', now });
    expect(quoted.map((entry) => entry.quote === null)).toEqual([false, true]);
  });

  it('refuses the whole quote when the coupon cannot be used', () => {
    const expired: Coupon = { ...percent, validUntil: '2025-01-01T00:00:00Z' };
    expect(() => quoteCatalog({ items: [course], currency: 'USD', coupon: expired, now })).toThrow(expect.objectContaining({ code: 'PRICING.COUPON_EXPIRED' }));
  });
});
