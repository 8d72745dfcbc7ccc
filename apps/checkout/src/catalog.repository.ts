import type { BillingInterval } from '@payments/contracts';
import { Sql } from '@payments/persistence';
import { CatalogItem, Coupon, TaxRule } from './domain/pricing';

interface ItemRow { product_id: string; kind: 'course' | 'plan'; title: string; active: boolean }
interface PriceRow { currency: string; unit_amount_minor: string }
interface CouponRow {
  code: string; kind: 'percent' | 'fixed'; percent_basis_points: number | null; amount_minor: string | null;
  currency: string | null; valid_from: Date; valid_until: Date; max_redemptions: number | null; redemptions: number;
}
interface TaxRow { currency: string; rate_basis_points: number; inclusive: boolean; label: string }

/** checkout's own catalog, coupons and tax rules: the only source of prices. */
export class CatalogRepository {
  async findItem(sql: Sql, productId: string): Promise<CatalogItem | null> {
    const items = await sql.query<ItemRow & { billing_interval: BillingInterval | null }>(
      `SELECT product_id, kind, title, active, billing_interval FROM checkout.catalog_items WHERE product_id = $1`, [productId],
    );
    if (items.length === 0) return null;
    const prices = await sql.query<PriceRow>(`SELECT currency, unit_amount_minor FROM checkout.catalog_prices WHERE product_id = $1`, [productId]);
    const [item] = items;
    return {
      productId: item.product_id,
      kind: item.kind,
      title: item.title,
      active: item.active,
      prices: Object.fromEntries(prices.map((price) => [price.currency, Number(price.unit_amount_minor)])),
      ...(item.billing_interval ? { interval: item.billing_interval } : {}),
    };
  }

  /** Every item on sale, with its prices: what a catalog quote prices. */
  async listActiveItems(sql: Sql): Promise<CatalogItem[]> {
    const items = await sql.query<ItemRow>(`SELECT product_id, kind, title, active FROM checkout.catalog_items WHERE active ORDER BY product_id`);
    const prices = await sql.query<PriceRow & { product_id: string }>(
      `SELECT p.product_id, p.currency, p.unit_amount_minor FROM checkout.catalog_prices p JOIN checkout.catalog_items i USING (product_id) WHERE i.active`,
    );
    return items.map((item) => ({
      productId: item.product_id,
      kind: item.kind,
      title: item.title,
      active: item.active,
      prices: Object.fromEntries(prices.filter((price) => price.product_id === item.product_id).map((price) => [price.currency, Number(price.unit_amount_minor)])),
    }));
  }

  /** Locks the coupon row so concurrent redemptions respect its usage limit. */
  async findCouponForUpdate(sql: Sql, code: string): Promise<Coupon | null> {
    return this.findCoupon(sql, code, 'FOR UPDATE');
  }

  /** `lock`: FOR UPDATE when the coupon is about to be redeemed; a preview reads without it. */
  async findCoupon(sql: Sql, code: string, lock: 'FOR UPDATE' | '' = ''): Promise<Coupon | null> {
    const rows = await sql.query<CouponRow>(`SELECT * FROM checkout.coupons WHERE code = $1 ${lock}`, [code]);
    if (rows.length === 0) return null;
    const [row] = rows;
    return {
      code: row.code,
      kind: row.kind,
      percentBasisPoints: row.percent_basis_points ?? undefined,
      amountMinor: row.amount_minor === null ? undefined : Number(row.amount_minor),
      currency: row.currency ?? undefined,
      validFrom: row.valid_from.toISOString(),
      validUntil: row.valid_until.toISOString(),
      maxRedemptions: row.max_redemptions ?? undefined,
      redemptions: row.redemptions,
    };
  }

  async redeemCoupon(sql: Sql, code: string): Promise<void> {
    await sql.query(`UPDATE checkout.coupons SET redemptions = redemptions + 1 WHERE code = $1`, [code]);
  }

  async findTaxRule(sql: Sql, currency: string): Promise<TaxRule | undefined> {
    const rows = await sql.query<TaxRow>(`SELECT * FROM checkout.tax_rules WHERE currency = $1`, [currency]);
    if (rows.length === 0) return undefined;
    const [row] = rows;
    return { currency: row.currency, rateBasisPoints: row.rate_basis_points, inclusive: row.inclusive, label: row.label };
  }

  /**
   * Makes the tax rules exactly `rules` (CHECKOUT_TAX_RULES): upserts each and deletes the others, so
   * replicas starting together converge without a unique-key race.
   */
  async replaceTaxRules(sql: Sql, rules: readonly TaxRule[]): Promise<void> {
    for (const rule of rules) {
      await sql.query(
        `INSERT INTO checkout.tax_rules (currency, rate_basis_points, inclusive, label) VALUES ($1, $2, $3, $4)
         ON CONFLICT (currency) DO UPDATE SET rate_basis_points = EXCLUDED.rate_basis_points, inclusive = EXCLUDED.inclusive, label = EXCLUDED.label`,
        [rule.currency, rule.rateBasisPoints, rule.inclusive, rule.label],
      );
    }
    await sql.query(`DELETE FROM checkout.tax_rules WHERE NOT (currency = ANY($1::text[]))`, [rules.map((rule) => rule.currency)]);
  }

  /** Development seed: upserts the catalog, coupons and tax rules (prices of existing items are updated). */
  async seed(sql: Sql, items: readonly CatalogItem[], coupons: readonly Coupon[], taxRules: readonly TaxRule[]): Promise<void> {
    for (const item of items) {
      await sql.query(
        `INSERT INTO checkout.catalog_items (product_id, kind, title, active, billing_interval) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (product_id) DO UPDATE SET kind = EXCLUDED.kind, title = EXCLUDED.title, active = EXCLUDED.active, billing_interval = EXCLUDED.billing_interval`,
        [item.productId, item.kind, item.title, item.active, item.interval ?? null],
      );
      for (const [currency, amount] of Object.entries(item.prices)) {
        await sql.query(
          `INSERT INTO checkout.catalog_prices (product_id, currency, unit_amount_minor) VALUES ($1, $2, $3)
           ON CONFLICT (product_id, currency) DO UPDATE SET unit_amount_minor = EXCLUDED.unit_amount_minor`,
          [item.productId, currency, amount],
        );
      }
    }
    for (const coupon of coupons) {
      await sql.query(
        `INSERT INTO checkout.coupons (code, kind, percent_basis_points, amount_minor, currency, valid_from, valid_until, max_redemptions)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (code) DO NOTHING`,
        [coupon.code, coupon.kind, coupon.percentBasisPoints ?? null, coupon.amountMinor ?? null, coupon.currency ?? null,
          coupon.validFrom, coupon.validUntil, coupon.maxRedemptions ?? null],
      );
    }
    for (const rule of taxRules) {
      await sql.query(
        `INSERT INTO checkout.tax_rules (currency, rate_basis_points, inclusive, label) VALUES ($1, $2, $3, $4)
         ON CONFLICT (currency) DO NOTHING`,
        [rule.currency, rule.rateBasisPoints, rule.inclusive, rule.label],
      );
    }
  }
}
