export * from './topics';
export * from './envelope';
export * from './contract';
export * from './registry';
export * from './messages';
export * from './name-based-id';
export * from './entitlement-access';
export * from './settlement-parts';
