import { unixSeconds } from '../domain/sandbox-runtime';
import { SettledPayment, SettledRefund, SettlementAmounts, SettlementReport, SettlementRow, settlementReport } from '../domain/settlement-report';
import { SettlementIdColumn, settlementCsv } from '../domain/settlement-report.csv';
import { paymentGroupOf } from './cashfree-entity.views';
import { CashfreePaymentGroup, SandboxCashfreeOrder } from './cashfree-order';
import { CASHFREE_FEE_RULES, CashfreeFeeSchedule, cashfreeServiceCharge } from './cashfree-settlement.fees';

/**
 * One line of Cashfree's day, named by Cashfree's ids. Amounts are signed integer paise as in every
 * settlement report: `feeMinor` is Cashfree's service charge, `taxOnFeeMinor` its service tax (GST).
 */
export interface CashfreeSettlementRow extends SettlementAmounts {
  readonly cfPaymentId: string;
  /** Cashfree's id of the refund; null on a payment row. */
  readonly cfRefundId: string | null;
  /** Our id of the refund, Cashfree's `refund_id`; null on a payment row. */
  readonly refundId: string | null;
  /** Our order id, which is Cashfree's `order_id`. */
  readonly orderId: string;
  /** How the customer paid; on a refund row, how the refunded payment was made. */
  readonly paymentGroup: CashfreePaymentGroup;
}

export type CashfreeSettlementReport = SettlementReport<CashfreeSettlementRow>;

interface CashfreeSettledPayment extends SettledPayment {
  readonly orderId: string;
  readonly paymentGroup: CashfreePaymentGroup;
}

interface CashfreeSettledRefund extends CashfreeSettledPayment, SettledRefund {
  readonly orderId: string;
  readonly merchantRefundId: string;
}

/** The successful attempt of an order, if any; Cashfree has no charge object, so its bank reference stands in for one. */
function settledPayments(order: SandboxCashfreeOrder): CashfreeSettledPayment[] {
  return order.attempts.filter((attempt) => attempt.status === 'SUCCESS').map((attempt) => ({
    paymentId: attempt.cfPaymentId, chargeId: attempt.bankReference ?? '', orderId: order.orderId, currency: order.currency,
    amountMinor: attempt.amountMinor, at: unixSeconds(attempt.at), paymentGroup: paymentGroupOf(attempt.method),
  }));
}

/** Refunds Cashfree processed (SUCCESS), on the day it processed them; pending and cancelled ones move no money. */
function settledRefunds(order: SandboxCashfreeOrder): CashfreeSettledRefund[] {
  return order.refunds.flatMap((refund) => {
    const paid = order.attempts.find((attempt) => attempt.cfPaymentId === refund.cfPaymentId);
    if (refund.status !== 'SUCCESS' || !refund.processedAt || !paid) return [];
    return [{
      refundId: refund.cfRefundId, merchantRefundId: refund.refundId, paymentId: refund.cfPaymentId, chargeId: paid.bankReference ?? '',
      orderId: order.orderId, currency: order.currency, amountMinor: refund.amountMinor, at: unixSeconds(refund.processedAt),
      paymentGroup: paymentGroupOf(paid.method),
    }];
  });
}

/**
 * What Cashfree settles for one UTC day: a row per successful payment and per processed refund, fees
 * from `rules` (default `CASHFREE_FEE_RULES`) by payment group. `orders` oldest first, so that the
 * same second keeps the order things happened in. Throws `SettlementDateError` for a date that is
 * not a calendar day.
 */
export function cashfreeSettlementReport(
  date: string, orders: readonly SandboxCashfreeOrder[], rules: CashfreeFeeSchedule['rules'] = CASHFREE_FEE_RULES,
): CashfreeSettlementReport {
  const payments = orders.flatMap(settledPayments);
  const refunds = orders.flatMap(settledRefunds);
  const report = settlementReport('cashfree', date, payments, refunds, (payment) => cashfreeServiceCharge(payment.amountMinor, payment.paymentGroup, rules));
  // cf_payment_id and cf_refund_id come from one counter, so one map finds either.
  const sources = new Map<string, CashfreeSettledPayment | CashfreeSettledRefund>([
    ...payments.map((payment) => [payment.paymentId, payment] as const),
    ...refunds.map((refund) => [refund.refundId, refund] as const),
  ]);
  return { ...report, rows: report.rows.map((row) => cashfreeRow(row, sources.get(row.refundId ?? row.paymentId) as CashfreeSettledPayment)) };
}

function cashfreeRow(row: SettlementRow, source: CashfreeSettledPayment | CashfreeSettledRefund): CashfreeSettlementRow {
  return {
    type: row.type, cfPaymentId: row.paymentId, cfRefundId: row.refundId, refundId: 'merchantRefundId' in source ? source.merchantRefundId : null,
    orderId: source.orderId, paymentGroup: source.paymentGroup, currency: row.currency, occurredAt: row.occurredAt,
    grossMinor: row.grossMinor, feeMinor: row.feeMinor, taxOnFeeMinor: row.taxOnFeeMinor, netMinor: row.netMinor,
  };
}

const CASHFREE_ID_COLUMNS: readonly SettlementIdColumn<CashfreeSettlementRow>[] = [
  { header: 'cf_payment_id', value: (row) => row.cfPaymentId },
  { header: 'cf_refund_id', value: (row) => row.cfRefundId },
  { header: 'refund_id', value: (row) => row.refundId },
  { header: 'order_id', value: (row) => row.orderId },
  { header: 'payment_group', value: (row) => row.paymentGroup },
];

/** The report as CSV, in the same layout as Stripe's with Cashfree's ids. */
export function cashfreeSettlementCsv(report: CashfreeSettlementReport): string {
  return settlementCsv(report, CASHFREE_ID_COLUMNS);
}
