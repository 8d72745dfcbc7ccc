import type { ProviderName, SettlementProviderPort } from '@payments/providers';

/** The adapters that list a day's settlements, by provider; injected so tests can bind their own. */
export const SETTLEMENT_PROVIDERS = Symbol('SETTLEMENT_PROVIDERS');

export type SettlementProviders = ReadonlyMap<ProviderName, SettlementProviderPort>;
