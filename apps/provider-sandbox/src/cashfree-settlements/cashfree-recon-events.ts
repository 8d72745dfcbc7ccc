import { dayBounds } from '../domain/settlement-report';
import type { SandboxCashfreeOrder } from '../cashfree/cashfree-order';
import type { CashfreeFeeSchedule } from '../cashfree/cashfree-settlement.fees';
import { CashfreeSettlementRow, cashfreeSettlementReport } from '../cashfree/cashfree-settlement.report';
import { SandboxCashfreeDispute, movesMoney } from '../cashfree-disputes/cashfree-dispute';
import type { ReconEvent, ReconEventOrder } from './cashfree-recon-event';

export interface SettlementDayInputs {
  /** The UTC day, `YYYY-MM-DD`. */
  readonly date: string;
  /** Oldest first. */
  readonly orders: readonly SandboxCashfreeOrder[];
  readonly disputes: readonly SandboxCashfreeDispute[];
  readonly rules: CashfreeFeeSchedule['rules'];
  /** A new event id, for a movement that is not the first of its object (a chargeback's reversal). */
  readonly newEventId: () => string;
}

function orderFacts(order: SandboxCashfreeOrder, cfPaymentId: string): ReconEventOrder {
  const attempt = order.attempts.find((candidate) => candidate.cfPaymentId === cfPaymentId);
  return {
    orderId: order.orderId, orderAmountMinor: order.amountMinor, cfPaymentId, paymentAmountMinor: attempt?.amountMinor ?? order.amountMinor,
    paymentTime: attempt?.at ?? order.createdAt, paymentUtr: attempt?.bankReference ?? null,
    customer: { name: order.customer.name, phone: order.customer.phone, email: order.customer.email },
  };
}

/** A payment or processed refund of the daily report (its fees are the report's: one fee computation for both). */
function paymentOrRefund(row: CashfreeSettlementRow, order: SandboxCashfreeOrder): ReconEvent {
  const at = new Date(row.occurredAt);
  const facts = orderFacts(order, row.cfPaymentId);
  if (row.type === 'payment') {
    return {
      eventId: row.cfPaymentId, eventType: 'PAYMENT', saleType: 'CREDIT', amountMinor: row.grossMinor, serviceChargeMinor: row.feeMinor,
      serviceTaxMinor: row.taxOnFeeMinor, at, order: facts, remarks: null,
    };
  }
  const refund = order.refunds.find((candidate) => candidate.cfRefundId === row.cfRefundId);
  return {
    eventId: row.cfRefundId as string, eventType: 'REFUND', saleType: 'DEBIT', amountMinor: -row.grossMinor, serviceChargeMinor: 0, serviceTaxMinor: 0,
    at, order: facts, remarks: null,
    refund: { refundId: row.refundId as string, cfRefundId: row.cfRefundId as string, note: refund?.note ?? null, processedAt: at },
  };
}

const closedInFavorOf = (dispute: SandboxCashfreeDispute) =>
  dispute.stage === 'MERCHANT_WON' ? 'Merchant' as const : dispute.stage === 'MERCHANT_LOST' || dispute.stage === 'MERCHANT_ACCEPTED' ? 'Customer' as const : null;

/**
 * A chargeback's (or dispute's) money on the day: its amount and dispute fee withdrawn the day it
 * was raised, as a `CHARGEBACK` DEBIT whose event id is the dispute id; its amount given back the day
 * it was won, as a `CHARGEBACK_REVERSAL` CREDIT with an event id of its own (the fee is kept).
 */
function disputeMovements(dispute: SandboxCashfreeDispute, order: SandboxCashfreeOrder, day: { from: number; to: number }, newEventId: () => string): ReconEvent[] {
  if (!movesMoney(dispute.type)) return [];
  const type = dispute.type === 'DISPUTE' ? 'DISPUTE' : 'CHARGEBACK';
  const onDay = (time: Date | null) => time !== null && time.getTime() >= day.from * 1000 && time.getTime() < day.to * 1000;
  const facts = orderFacts(order, dispute.cfPaymentId);
  const details = { disputeId: dispute.disputeId, category: `${dispute.reasonCode} - ${dispute.reasonDescription}`, resolvedAt: dispute.resolvedAt };
  const events: ReconEvent[] = [];
  if (onDay(dispute.createdAt)) {
    events.push({
      eventId: dispute.disputeId, eventType: type, saleType: 'DEBIT', amountMinor: dispute.amountMinor, serviceChargeMinor: dispute.feeMinor,
      serviceTaxMinor: dispute.taxOnFeeMinor, at: dispute.createdAt, order: facts, remarks: null, dispute: { ...details, closedInFavorOf: closedInFavorOf(dispute) },
    });
  }
  if (dispute.stage === 'MERCHANT_WON' && onDay(dispute.resolvedAt)) {
    events.push({
      eventId: newEventId(), eventType: `${type}_REVERSAL`, saleType: 'CREDIT', amountMinor: dispute.amountMinor, serviceChargeMinor: 0,
      serviceTaxMinor: 0, at: dispute.resolvedAt as Date, order: facts, remarks: null, dispute: { ...details, closedInFavorOf: 'Merchant' },
    });
  }
  return events;
}

/**
 * Every money movement of one UTC day: the day's payments and processed refunds (as the daily
 * report has them, with its fees), then its chargeback and dispute movements, each in time order.
 * Throws `SettlementDateError` for a date that is not a calendar day.
 */
export function reconEventsOfDay(inputs: SettlementDayInputs): ReconEvent[] {
  const day = dayBounds(inputs.date);
  const orders = new Map(inputs.orders.map((order) => [order.orderId, order]));
  const report = cashfreeSettlementReport(inputs.date, inputs.orders, inputs.rules);
  const payments = report.rows.map((row) => paymentOrRefund(row, orders.get(row.orderId) as SandboxCashfreeOrder));
  const disputes = [...inputs.disputes]
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .flatMap((dispute) => {
      const order = orders.get(dispute.orderId);
      return order ? disputeMovements(dispute, order, day, inputs.newEventId) : [];
    })
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  return [...payments, ...disputes];
}
