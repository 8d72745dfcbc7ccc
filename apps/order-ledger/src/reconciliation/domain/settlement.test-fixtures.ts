import type { SettlementLineV1, SettlementV1 } from '@payments/contracts';
import { LedgerFacts, SettlementExpectation, expectationKey } from './settlement-matching.types';

// Test support: settlement lines, settlements and ledger facts with defaults worth reading past.

export const DATE = '2026-12-01';
export const AT = `${DATE}T10:00:00.000Z`;

/** A line; the net is worked out from gross, fee and tax unless given. */
export function line(kind: SettlementLineV1['kind'], fields: Partial<SettlementLineV1> & { lineId: string }): SettlementLineV1 {
  const base = {
    paymentId: null, refundId: null, disputeId: null, orderId: null, currency: 'USD', grossMinor: 0, feeMinor: 0, taxOnFeeMinor: 0, occurredAt: AT, ...fields,
  };
  return { kind, ...base, netMinor: fields.netMinor ?? base.grossMinor - base.feeMinor - base.taxOnFeeMinor };
}

export const payment = (paymentId: string, grossMinor: number, feeMinor = 0, fields: Partial<SettlementLineV1> = {}): SettlementLineV1 =>
  line('payment', { lineId: `txn_${paymentId}`, paymentId, grossMinor, feeMinor, ...fields });

export const refund = (refundId: string, amountMinor: number, fields: Partial<SettlementLineV1> = {}): SettlementLineV1 =>
  line('refund', { lineId: `txn_${refundId}`, refundId, grossMinor: -amountMinor, ...fields });

/** A settlement paying out exactly its lines' net. */
export function settlement(settlementId: string, lines: readonly SettlementLineV1[], fields: Partial<SettlementV1> = {}): SettlementV1 {
  const amountMinor = lines.reduce((sum, each) => sum + each.netMinor, 0);
  return { settlementId, currency: 'USD', amountMinor, status: 'paid', paid: true, settledAt: AT, bankReference: `utr-${settlementId}`, lines, ...fields };
}

export const expected = (kind: SettlementExpectation['kind'], reference: string, amountMinor: number, fields: Partial<SettlementExpectation> = {}): SettlementExpectation =>
  ({ kind, reference, orderId: null, currency: 'USD', amountMinor, ...fields });

/** Ledger facts: `linked` are found by the lines, `ofDay` (default: all of `linked`) are expected on the day. */
export function facts(linked: readonly SettlementExpectation[], overrides: Partial<LedgerFacts> = {}): LedgerFacts {
  return {
    expectations: new Map(linked.map((each) => [expectationKey(each.kind, each.reference), each])),
    dayExpectations: linked,
    clearingByJournal: new Map(),
    settledEarlier: new Set(),
    settledOnOtherDays: new Set(),
    ...overrides,
  };
}
