export * from './cashfree-adapter.config';
export { CashfreeAdapter } from './cashfree.adapter';
export { CASHFREE_EVENT_MAPPINGS } from './cashfree-event.mapper';
export { cashfreeSignature } from './cashfree-webhook.verifier';
export { JsonDecimal, writeCashfreeJson } from './cashfree-json.writer';
export { minorFromCashfreeAmount, toCashfreeAmount } from './cashfree-amount';
export type * from './cashfree-api.types';
