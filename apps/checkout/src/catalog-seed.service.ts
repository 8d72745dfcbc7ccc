import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Database } from '@payments/persistence';
import { DATABASE } from '@payments/nest-runtime';
import { CatalogRepository } from './catalog.repository';
import { CHECKOUT_CONFIG, CheckoutConfig } from './checkout.config';
import { DEFAULT_TAX_RULES, SEED_CATALOG, SEED_COUPONS } from './domain/pricing';

/** Seeds the development catalog when CHECKOUT_SEED_CATALOG=true (local runs and tests). */
@Injectable()
export class CatalogSeedService implements OnModuleInit {
  constructor(
    @Inject(CHECKOUT_CONFIG) private readonly config: CheckoutConfig,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.seedCatalog) return;
    await this.db.transaction((sql) => new CatalogRepository().seed(sql, SEED_CATALOG, SEED_COUPONS, DEFAULT_TAX_RULES));
  }
}
