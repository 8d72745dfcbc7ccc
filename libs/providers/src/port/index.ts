export type { ProviderName } from '@payments/contracts';
export * from './payment-provider.port';
export * from './provider-event.types';
export * from './provider.errors';
export * from './minor-units';
