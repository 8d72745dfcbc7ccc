export * from './cashfree-adapter.config';
export { CashfreeAdapter } from './cashfree.adapter';
export { CASHFREE_EVENT_MAPPINGS } from './cashfree-event.mapper';
export { cashfreeSignature } from './cashfree-webhook.verifier';
export { JsonDecimal, writeCashfreeJson } from './cashfree-json.writer';
export { minorFromCashfreeAmount, signedMinorFromCashfreeAmount, toCashfreeAmount, toSignedCashfreeAmount } from './cashfree-amount';
export { CASHFREE_RECON_KINDS } from './cashfree-recon.mapper';
export type * from './cashfree-api.types';
export type * from './cashfree-settlement.types';
