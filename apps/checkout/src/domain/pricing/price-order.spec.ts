import { DEFAULT_TAX_RULES, SEED_CATALOG, SEED_COUPONS } from './catalog.seed';
import { priceOrder } from './price-order';
import { CatalogItem, Coupon, TaxRule } from './pricing.types';

const now = new Date('2025-03-01T00:00:00Z');
const typescript101 = SEED_CATALOG.find((item) => item.productId === 'course-typescript-101') as CatalogItem;
const coupon = (code: string): Coupon => SEED_COUPONS.find((c) => c.code === code) as Coupon;
const gst = DEFAULT_TAX_RULES[0];
const gstInclusive: TaxRule = { ...gst, inclusive: true };
const bahrainVat: TaxRule = { currency: 'BHD', rateBasisPoints: 1000, inclusive: false, label: 'VAT 10%' };
const japanTax: TaxRule = { currency: 'JPY', rateBasisPoints: 1000, inclusive: false, label: 'Consumption tax 10%' };
const kuwaitVatIncluded: TaxRule = { currency: 'KWD', rateBasisPoints: 500, inclusive: true, label: 'VAT 5%' };
const proMonthly = SEED_CATALOG.find((item) => item.productId === 'plan-pro-monthly') as CatalogItem;
const percent = (bp: number): Coupon => ({
  code: `P${bp}`, kind: 'percent', percentBasisPoints: bp, validFrom: '2025-01-01T00:00:00Z', validUntil: '2026-01-01T00:00:00Z', redemptions: 0,
});
const itemAt = (prices: Record<string, number>): CatalogItem => ({ productId: 'p', kind: 'course', title: 'P', prices, active: true });

describe('priceOrder', () => {
  it.each<[string, CatalogItem, number, string, Coupon | undefined, TaxRule | undefined, [number, number, number, number]]>([
    ['INR with 18% GST on top', typescript101, 1, 'INR', undefined, gst, [49900, 0, 8982, 58882]],
    ['INR with 18% GST included', typescript101, 1, 'INR', undefined, gstInclusive, [49900, 0, 7612, 49900]],
    ['INR x3 with 20% off and GST on top', typescript101, 3, 'INR', coupon('LAUNCH20'), gst, [149700, 29940, 21557, 141317]],
    ['INR with 20% off and GST included', typescript101, 1, 'INR', coupon('LAUNCH20'), gstInclusive, [49900, 9980, 6089, 39920]],
    ['INR with a fixed 100.00 off and GST', typescript101, 1, 'INR', coupon('FLAT100INR'), gst, [49900, 10000, 7182, 47082]],
    ['a fixed coupon capped at the subtotal', itemAt({ INR: 5000 }), 1, 'INR', coupon('FLAT100INR'), gst, [5000, 5000, 0, 0]],
    ['GST of exactly half a paisa rounded up', itemAt({ INR: 25 }), 1, 'INR', undefined, gst, [25, 0, 5, 30]],
    ['GST just under half a paisa rounded down', itemAt({ INR: 24 }), 1, 'INR', undefined, gst, [24, 0, 4, 28]],
    ['USD with a 12.5% discount of half a cent rounded up', typescript101, 1, 'USD', percent(1250), undefined, [1900, 238, 0, 1662]],
    ['USD with a fixed 5.00 off', typescript101, 1, 'USD', coupon('WELCOME5USD'), undefined, [1900, 500, 0, 1400]],
    ['JPY (no minor unit) with 20% off', typescript101, 1, 'JPY', coupon('LAUNCH20'), undefined, [2900, 580, 0, 2320]],
    ['JPY with a 12.5% discount of half a yen rounded up', typescript101, 1, 'JPY', percent(1250), undefined, [2900, 363, 0, 2537]],
    ['KWD (3 decimals) x2 with 20% off', typescript101, 2, 'KWD', coupon('LAUNCH20'), undefined, [13000, 2600, 0, 10400]],
    ['BHD (3 decimals) with VAT of half a fils rounded up', itemAt({ BHD: 4995 }), 1, 'BHD', undefined, bahrainVat, [4995, 0, 500, 5495]],
    ['a free item', itemAt({ USD: 0 }), 5, 'USD', percent(5000), undefined, [0, 0, 0, 0]],
    ['USD with 100% off', typescript101, 1, 'USD', percent(10000), undefined, [1900, 1900, 0, 0]],
    ['the largest quantity, 100', typescript101, 100, 'USD', undefined, undefined, [190000, 0, 0, 190000]],
    ['JPY with 10% tax on top of half a yen rounded up', itemAt({ JPY: 1025 }), 1, 'JPY', undefined, japanTax, [1025, 0, 103, 1128]],
    ['JPY with 10% tax included, rounded to the yen', typescript101, 1, 'JPY', undefined, { ...japanTax, inclusive: true }, [2900, 0, 264, 2900]],
    ['JPY x3 with 12.5% off and 10% tax on top', typescript101, 3, 'JPY', percent(1250), japanTax, [8700, 1088, 761, 8373]],
    ['KWD (3 decimals) with 5% VAT included, rounded to the fils', typescript101, 1, 'KWD', undefined, kuwaitVatIncluded, [6500, 0, 310, 6500]],
    ['KWD with 20% off and 5% VAT included', typescript101, 1, 'KWD', coupon('LAUNCH20'), kuwaitVatIncluded, [6500, 1300, 248, 5200]],
    ['a plan in INR with GST on top', proMonthly, 1, 'INR', undefined, gst, [79900, 0, 14382, 94282]],
  ])('prices %s', (_label, item, quantity, currency, c, taxRule, [subtotal, discount, tax, total]) => {
    const quote = priceOrder({ item, quantity, currency, coupon: c, taxRule, now });
    expect(quote).toMatchObject({ currency, subtotalMinor: subtotal, discountMinor: discount, taxMinor: tax, totalMinor: total });
  });

  it('returns the priced line, the tax label and the coupon code', () => {
    const quote = priceOrder({ item: typescript101, quantity: 2, currency: 'INR', coupon: coupon('LAUNCH20'), taxRule: gst, now });
    expect(quote.lines).toEqual([{ productId: 'course-typescript-101', kind: 'course', quantity: 2, unitAmountMinor: 49900 }]);
    expect(quote.taxLabel).toBe('GST 18%');
    expect(quote.couponCode).toBe('LAUNCH20');
  });

  it('leaves out the tax label and coupon code when there are none', () => {
    const quote = priceOrder({ item: typescript101, quantity: 1, currency: 'USD', now });
    expect(quote).not.toHaveProperty('taxLabel');
    expect(quote).not.toHaveProperty('couponCode');
  });
});

describe('priceOrder refuses', () => {
  const base = { item: typescript101, quantity: 1, currency: 'INR', now };
  const inactive = SEED_CATALOG.find((item) => !item.active) as CatalogItem;
  const exhausted: Coupon = { ...coupon('WELCOME5USD'), redemptions: 1000 };

  it.each<[string, Partial<typeof base> & { coupon?: Coupon; taxRule?: TaxRule }, string]>([
    ['a quantity of zero', { quantity: 0 }, 'PRICING.INVALID_QUANTITY'],
    ['a quantity above 100', { quantity: 101 }, 'PRICING.INVALID_QUANTITY'],
    ['a fractional quantity', { quantity: 1.5 }, 'PRICING.INVALID_QUANTITY'],
    ['a product no longer sold', { item: inactive }, 'PRICING.PRODUCT_INACTIVE'],
    ['a currency the product is not priced in', { currency: 'EUR' }, 'PRICING.CURRENCY_NOT_OFFERED'],
    ['an unknown currency', { currency: 'XYZ' }, 'PRICING.CURRENCY_NOT_OFFERED'],
    ['a coupon past its window', { coupon: coupon('SUMMER2024') }, 'PRICING.COUPON_EXPIRED'],
    ['a coupon at the instant its window closes', { coupon: coupon('SUMMER2024'), now: new Date('2024-09-01T00:00:00Z') }, 'PRICING.COUPON_EXPIRED'],
    ['a coupon before its window opens', { coupon: coupon('SUMMER2024'), now: new Date('2024-05-31T23:59:59.999Z') }, 'PRICING.COUPON_NOT_YET_VALID'],
    ['a fully redeemed coupon', { currency: 'USD', coupon: exhausted }, 'PRICING.COUPON_EXHAUSTED'],
    ['a fixed coupon in another currency', { currency: 'USD', coupon: coupon('FLAT100INR') }, 'PRICING.COUPON_CURRENCY_MISMATCH'],
    ['a percent coupon restricted to another currency', { coupon: { ...percent(1000), currency: 'USD' } }, 'PRICING.COUPON_CURRENCY_MISMATCH'],
    ['a percent coupon without a percentage', { coupon: { ...percent(1000), percentBasisPoints: undefined } }, 'PRICING.INVALID_COUPON'],
    ['a percent coupon above 100%', { coupon: percent(10001) }, 'PRICING.INVALID_COUPON'],
    ['a fixed coupon without a currency', { coupon: { ...coupon('FLAT100INR'), currency: undefined } }, 'PRICING.INVALID_COUPON'],
    ['a coupon with unreadable dates', { coupon: { ...percent(1000), validUntil: 'soon' } }, 'PRICING.INVALID_COUPON'],
    ['a tax rule for another currency', { taxRule: bahrainVat }, 'PRICING.INVALID_TAX_RULE'],
    ['a negative tax rate', { taxRule: { ...gst, rateBasisPoints: -1 } }, 'PRICING.INVALID_TAX_RULE'],
    ['a fractional tax rate', { taxRule: { ...gst, rateBasisPoints: 1800.5 } }, 'PRICING.INVALID_TAX_RULE'],
    ['a total beyond the safe integer range', { item: itemAt({ INR: Number.MAX_SAFE_INTEGER }), quantity: 2 }, 'MONEY.OVERFLOW'],
  ])('%s', (_label, overrides, code) => {
    expect(() => priceOrder({ ...base, ...overrides })).toThrow(expect.objectContaining({ code }));
  });

  it('accepts a coupon at the instant its window opens', () => {
    const quote = priceOrder({ ...base, coupon: coupon('SUMMER2024'), now: new Date('2024-06-01T00:00:00Z') });
    expect(quote.discountMinor).toBe(7485);
  });
});

describe('the seed catalog', () => {
  it('sells courses and plans, each active one priced in INR, USD, JPY and KWD', () => {
    const active = SEED_CATALOG.filter((item) => item.active);
    expect(new Set(active.map((item) => item.kind))).toEqual(new Set(['course', 'plan']));
    for (const item of active) expect(Object.keys(item.prices).sort()).toEqual(['INR', 'JPY', 'KWD', 'USD']);
  });

  it('holds every price as a non-negative integer of minor units', () => {
    for (const item of SEED_CATALOG) {
      for (const amount of Object.values(item.prices)) expect(Number.isSafeInteger(amount) && amount >= 0).toBe(true);
    }
  });

  it('prices every active item in every currency it lists, with its tax rule', () => {
    for (const item of SEED_CATALOG.filter((i) => i.active)) {
      for (const currency of Object.keys(item.prices)) {
        const taxRule = DEFAULT_TAX_RULES.find((rule) => rule.currency === currency);
        const quote = priceOrder({ item, quantity: 1, currency, taxRule, now });
        expect(quote.totalMinor).toBeGreaterThan(0);
      }
    }
  });
});
