import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Database } from '@payments/persistence';
import { DATABASE } from '@payments/nest-runtime';
import { CatalogRepository } from './catalog.repository';
import { CHECKOUT_CONFIG, CheckoutConfig } from './checkout.config';
import { DEFAULT_TAX_RULES, SEED_CATALOG, SEED_COUPONS } from './domain/pricing';

/**
 * At start: seeds the development catalog when CHECKOUT_SEED_CATALOG=true (local runs and tests),
 * then, when CHECKOUT_TAX_RULES is set, makes the tax rules exactly those (the seed's rules only
 * fill currencies that have none).
 */
@Injectable()
export class CatalogSeedService implements OnModuleInit {
  constructor(
    @Inject(CHECKOUT_CONFIG) private readonly config: CheckoutConfig,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  async onModuleInit(): Promise<void> {
    const catalog = new CatalogRepository();
    const { seedCatalog, taxRules } = this.config;
    if (!seedCatalog && taxRules === null) return;
    await this.db.transaction(async (sql) => {
      if (seedCatalog) await catalog.seed(sql, SEED_CATALOG, SEED_COUPONS, taxRules === null ? DEFAULT_TAX_RULES : []);
      if (taxRules !== null) await catalog.replaceTaxRules(sql, taxRules);
    });
  }
}
