export * from './pricing.types';
export * from './pricing.error';
export * from './price-order';
export * from './price-plan';
export * from './coupon.policy';
export * from './tax.policy';
export * from './catalog.seed';
export * from './catalog-quote';
