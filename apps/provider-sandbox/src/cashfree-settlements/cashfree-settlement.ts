import { dayBounds } from '../domain/settlement-report';
import { ReconEvent, signedSettlementAmount } from './cashfree-recon-event';
import type { SettlementDiscrepancies } from './cashfree-settlement-discrepancies';

/** A settlement's amounts in paise, as Cashfree states them. */
export interface SettlementTotals {
  /** The day's payments, gross. */
  readonly paymentAmountMinor: number;
  /** The service charge and GST on those payments. */
  readonly serviceChargeMinor: number;
  readonly serviceTaxMinor: number;
  /** `payment_amount - service_charge - service_tax`. */
  readonly settlementAmountMinor: number;
  /** Everything else, signed: refunds and chargebacks (with their fees) out, reversals in, other adjustments out. */
  readonly adjustmentMinor: number;
  /** What reached the bank, `settlement_amount + adjustment`, signed: the sum of the events' signed settlement amounts. */
  readonly amountSettledMinor: number;
}

/** One day's settlement into the merchant's bank, as the sandbox keeps it (INR, status SUCCESS). */
export interface SandboxCashfreeSettlement {
  /** Cashfree's numeric id (`cf_settlement_id`, and the webhook's `settlement_id`). */
  readonly cfSettlementId: string;
  readonly transferId: number;
  /** The UTC day it settles, and the UTC day of `settledAt`. */
  readonly date: string;
  readonly utr: string;
  /** The day's first and last second: the window of the events it settles. */
  readonly paymentFrom: Date;
  readonly paymentTill: Date;
  /** The day's last second: the sandbox settles each day as it ends. */
  readonly settledAt: Date;
  readonly events: readonly ReconEvent[];
  readonly totals: SettlementTotals;
  /** The knobs it was made with; asking again for the day with others is a conflict. */
  readonly discrepancies: SettlementDiscrepancies;
}

/** The window of a UTC day; throws `SettlementDateError` for a date that is not a calendar day. */
export function settlementWindow(date: string): { readonly paymentFrom: Date; readonly paymentTill: Date; readonly settledAt: Date } {
  const { from, to } = dayBounds(date);
  const lastSecond = new Date((to - 1) * 1000);
  return { paymentFrom: new Date(from * 1000), paymentTill: lastSecond, settledAt: lastSecond };
}

export function settlementTotals(events: readonly ReconEvent[]): SettlementTotals {
  const payments = events.filter((event) => event.eventType === 'PAYMENT');
  const sum = (of: readonly ReconEvent[], amount: (event: ReconEvent) => number) => of.reduce((total, event) => total + amount(event), 0);
  const paymentAmountMinor = sum(payments, (event) => event.amountMinor);
  const serviceChargeMinor = sum(payments, (event) => event.serviceChargeMinor);
  const serviceTaxMinor = sum(payments, (event) => event.serviceTaxMinor);
  const settlementAmountMinor = paymentAmountMinor - serviceChargeMinor - serviceTaxMinor;
  const adjustmentMinor = sum(events.filter((event) => event.eventType !== 'PAYMENT'), signedSettlementAmount);
  return { paymentAmountMinor, serviceChargeMinor, serviceTaxMinor, settlementAmountMinor, adjustmentMinor, amountSettledMinor: settlementAmountMinor + adjustmentMinor };
}
