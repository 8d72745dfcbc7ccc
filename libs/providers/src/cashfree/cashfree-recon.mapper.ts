import type { ProviderSettlement, SettlementLine, SettlementLineKind } from '../port/settlement.port';
import { ProviderError } from '../port/provider.errors';
import { minorFromCashfreeAmount, signedMinorFromCashfreeAmount } from './cashfree-amount';
import { cashfreeRefundReference } from './cashfree-refund.request';
import type { CashfreeDisputeEntity, CashfreeReconRow, CashfreeSettlementItem } from './cashfree-settlement.types';
import { cashfreeTime } from './cashfree-time';

/** Recon event types in our line kinds; an event type not listed is `other`, which reconciliation reports and never books. */
export const CASHFREE_RECON_KINDS: Readonly<Record<string, SettlementLineKind>> = {
  PAYMENT: 'payment',
  REFUND: 'refund',
  REFUND_REVERSAL: 'refund_reversal',
  DISPUTE: 'dispute',
  CHARGEBACK: 'dispute',
  DISPUTE_REVERSAL: 'dispute_reversal',
  CHARGEBACK_REVERSAL: 'dispute_reversal',
  OTHER_ADJUSTMENT: 'fee',
};

/** Cashfree settles INR only in this integration; a row or settlement that names no currency is in INR. */
const SETTLEMENT_CURRENCY = 'INR';

/** Cashfree answered something we cannot read as money: not worth retrying, and never guessed at. */
export function malformedSettlement(message: string): ProviderError {
  return new ProviderError('PROVIDER.UNAVAILABLE', `Cashfree settlements: ${message}`, { providerCode: 'malformed_response', retryable: false });
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
const idText = (value: unknown): string | null => (typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : text(value));
const negate = (minor: number) => (minor === 0 ? 0 : -minor);

function amount(value: unknown, currency: string, field: string, signed = false): number {
  try {
    return signed ? signedMinorFromCashfreeAmount(value, currency, field) : minorFromCashfreeAmount(value, currency, field);
  } catch (error) {
    if (error instanceof ProviderError) throw malformedSettlement(error.message);
    throw error;
  }
}

/** A charge that may be absent (null: none charged); a charge given back would be negative. */
const charge = (value: unknown, currency: string, field: string) => (value === undefined || value === null ? 0 : amount(value, currency, field, true));

function timeOf(value: unknown, what: string): string {
  const time = cashfreeTime(value);
  if (!time) throw malformedSettlement(`${what} ${JSON.stringify(value ?? null)} is not a time`);
  return time;
}

/** Only events that succeeded moved money; a FAILED or PENDING event in the recon is information, not a line. */
export const movesMoney = (row: CashfreeReconRow): boolean => row.event_status === undefined || row.event_status === null || row.event_status === 'SUCCESS';

export const isDisputeRow = (row: CashfreeReconRow): boolean => /^(DISPUTE|CHARGEBACK)(_REVERSAL)?$/.test(row.event_type ?? '');

/**
 * The dispute a DISPUTE/CHARGEBACK (or `_REVERSAL`) row is about, among its order's disputes. The
 * 2023-08-01 row names no dispute: the withdrawal's `event_id` is the dispute's id; a reversal has
 * an event id of its own and is the one dispute of that type, won, for that amount. Null when
 * neither finds exactly one.
 */
export function disputeIdOfRow(row: CashfreeReconRow, orderDisputes: readonly CashfreeDisputeEntity[]): string | null {
  const eventId = idText(row.event_id);
  const named = orderDisputes.find((dispute) => idText(dispute.dispute_id) === eventId);
  if (named) return eventId;
  const type = (row.event_type ?? '').replace(/_REVERSAL$/, '');
  const reversal = type !== row.event_type;
  const currency = text(row.event_currency)?.toUpperCase() ?? SETTLEMENT_CURRENCY;
  const rowAmount = amount(row.event_amount, currency, 'event_amount');
  const candidates = orderDisputes.filter((dispute) => dispute.dispute_type === type
    && (!reversal || (dispute.dispute_status ?? '').endsWith('_MERCHANT_WON'))
    && dispute.dispute_amount !== undefined && dispute.dispute_amount !== null && amount(dispute.dispute_amount, currency, 'dispute_amount') === rowAmount);
  return candidates.length === 1 ? idText(candidates[0].dispute_id) : null;
}

/**
 * One recon event as a settlement line in signed paise: a CREDIT adds, a DEBIT takes away.
 * `feeMinor` and `taxOnFeeMinor` are the event's service charge and GST, and the net must come to
 * the `event_settlement_amount` Cashfree states, or the row is refused rather than guessed at.
 */
export function toSettlementLine(row: CashfreeReconRow, disputeId: string | null): SettlementLine {
  const lineId = idText(row.event_id);
  if (!lineId) throw malformedSettlement('a recon row has no event_id');
  const type = text(row.event_type) ?? 'UNKNOWN';
  const kind = Object.hasOwn(CASHFREE_RECON_KINDS, type) ? CASHFREE_RECON_KINDS[type] : 'other';
  if (row.sale_type !== 'CREDIT' && row.sale_type !== 'DEBIT') throw malformedSettlement(`event ${lineId} has sale_type ${JSON.stringify(row.sale_type ?? null)}`);
  const signed = (minor: number) => (row.sale_type === 'CREDIT' ? minor : negate(minor));
  const currency = text(row.event_currency)?.toUpperCase() ?? SETTLEMENT_CURRENCY;
  const grossMinor = signed(amount(row.event_amount, currency, 'event_amount'));
  const feeMinor = charge(row.payment_service_charge, currency, 'payment_service_charge');
  const taxOnFeeMinor = charge(row.payment_service_tax, currency, 'payment_service_tax');
  const netMinor = grossMinor - feeMinor - taxOnFeeMinor;
  const stated = signed(amount(row.event_settlement_amount, currency, 'event_settlement_amount'));
  if (netMinor !== stated) {
    throw malformedSettlement(`event ${lineId} (${type}): ${grossMinor} less charge ${feeMinor} and tax ${taxOnFeeMinor} is ${netMinor} paise, but Cashfree settles ${stated}`);
  }
  const paymentId = idText(row.cf_payment_id);
  if (kind === 'payment' && !paymentId) throw malformedSettlement(`payment event ${lineId} has no cf_payment_id`);
  const orderId = text(row.order_id);
  const refundId = text(row.refund_id);
  return {
    lineId, kind, paymentId, orderId, currency, grossMinor, feeMinor, taxOnFeeMinor, netMinor,
    refundId: (kind === 'refund' || kind === 'refund_reversal') && orderId && refundId ? cashfreeRefundReference(orderId, refundId) : null,
    disputeId: kind === 'dispute' || kind === 'dispute_reversal' ? disputeId : null,
    occurredAt: timeOf(row.event_time, `event ${lineId}'s event_time`),
  };
}

/**
 * One settlement with its lines. `amountMinor` is the `amount_settled` Cashfree states (what reached
 * the bank, adjustments included); `paid` once its status is SUCCESS.
 */
export function toProviderSettlement(item: CashfreeSettlementItem, lines: readonly SettlementLine[]): ProviderSettlement {
  const settlementId = idText(item.cf_settlement_id) ?? idText(item.settlement_id);
  if (!settlementId) throw malformedSettlement('a settlement has no cf_settlement_id');
  const currency = text(item.settlement_currency)?.toUpperCase() ?? SETTLEMENT_CURRENCY;
  const status = text(item.status);
  if (!status) throw malformedSettlement(`settlement ${settlementId} has no status`);
  const settled = item.amount_settled ?? item.settlement_amount;
  return {
    settlementId, currency, status, paid: status === 'SUCCESS',
    amountMinor: amount(settled, currency, `settlement ${settlementId}'s amount_settled`, true),
    settledAt: timeOf(item.settled_on ?? item.transfer_time ?? item.settlement_initiated_on, `settlement ${settlementId}'s settled_on`),
    bankReference: text(item.settlement_utr) ?? text(item.utr) ?? text(item.transfer_utr),
    lines: [...lines],
  };
}
