export type { ProviderName } from '@payments/contracts';
export * from './payment-provider.port';
export * from './subscription.port';
export * from './settlement.port';
export * from './provider-event.types';
export * from './provider.errors';
export * from './minor-units';
export { MAX_WEBHOOK_JSON_DEPTH, readWebhookJson } from './webhook-json.reader';
export { isReasonCode, reasonCodeOf } from './reason-code';
