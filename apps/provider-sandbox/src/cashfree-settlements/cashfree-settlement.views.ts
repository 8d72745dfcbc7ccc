import { toCashfreeAmount, toSignedCashfreeAmount } from '@payments/providers';
import { istTime } from '../cashfree/cashfree-order';
import type { CashfreeWebhookPayload } from '../cashfree-webhooks/cashfree-webhook.payloads';
import { ReconEvent, eventSettlementAmount } from './cashfree-recon-event';
import type { SandboxCashfreeSettlement } from './cashfree-settlement';

/*
 * The sandbox's settlements in Cashfree's 2023-08-01 wire shapes. Amounts are `JsonDecimal`s in
 * rupees; only `adjustment` and `amount_settled` can be negative. Settlement-wide times are written
 * as the settlement webhook writes them (`2024-11-23 05:29:59`, IST); event and per-order times
 * as ISO 8601 with the IST offset.
 */

const amount = (minor: number) => toCashfreeAmount(minor, 'INR');
const signed = (minor: number) => toSignedCashfreeAmount(minor, 'INR');

/** `2024-11-23 05:29:59`: Cashfree's settlement times, IST without a zone. */
export const istDateTime = (date: Date): string => istTime(date).slice(0, 19).replace('T', ' ');

/** The settlement-wide fields, shared by the list item and the `SETTLEMENT_SUCCESS` webhook. */
function settlementFields(settlement: SandboxCashfreeSettlement) {
  const { totals } = settlement;
  return {
    adjustment: signed(totals.adjustmentMinor),
    amount_settled: signed(totals.amountSettledMinor),
    payment_amount: amount(totals.paymentAmountMinor),
    payment_from: istDateTime(settlement.paymentFrom),
    payment_till: istDateTime(settlement.paymentTill),
    reason: null,
    service_charge: amount(totals.serviceChargeMinor),
    service_tax: amount(totals.serviceTaxMinor),
    settled_on: istDateTime(settlement.settledAt),
    settlement_type: 'STANDARD',
    settlement_amount: amount(totals.settlementAmountMinor),
    settlement_initiated_on: istDateTime(settlement.settledAt),
    status: 'SUCCESS',
    utr: settlement.utr,
    settlement_charge: amount(0),
    settlement_tax: amount(0),
  };
}

/**
 * One item of `POST /settlements`. 2023-08-01's OpenAPI names the item `SettlementEntity` (the
 * per-order shape): it carries that entity's names that apply to a whole settlement
 * (`cf_settlement_id`, `settlement_id`, `settlement_currency`, `entity`, `transfer_id`,
 * `transfer_time`, `transfer_utr`), and the settlement webhook's fields with the same values.
 */
export function settlementListItem(settlement: SandboxCashfreeSettlement) {
  return {
    cf_settlement_id: settlement.cfSettlementId,
    settlement_id: Number(settlement.cfSettlementId),
    entity: 'settlement',
    settlement_currency: 'INR',
    transfer_id: settlement.transferId,
    transfer_time: istTime(settlement.settledAt),
    transfer_utr: settlement.utr,
    ...settlementFields(settlement),
  };
}

/** One flat row of `POST /settlement/recon` (2023-08-01). */
export function reconRow(event: ReconEvent, settlement: SandboxCashfreeSettlement) {
  const { order, refund, dispute } = event;
  return {
    event_id: event.eventId, event_type: event.eventType, event_settlement_amount: amount(eventSettlementAmount(event)), event_amount: amount(event.amountMinor),
    sale_type: event.saleType, event_status: 'SUCCESS', entity: 'Recon', event_time: istTime(event.at), event_currency: 'INR',
    order_id: order?.orderId ?? null, order_amount: order ? amount(order.orderAmountMinor) : null,
    customer_phone: order?.customer.phone ?? null, customer_email: order?.customer.email ?? null, customer_name: order?.customer.name ?? null,
    payment_amount: order ? amount(order.paymentAmountMinor) : null, payment_utr: order?.paymentUtr ?? null,
    payment_time: order ? istTime(order.paymentTime) : null, payment_service_charge: amount(event.serviceChargeMinor),
    payment_service_tax: amount(event.serviceTaxMinor), cf_payment_id: order?.cfPaymentId ?? null,
    cf_settlement_id: settlement.cfSettlementId, settlement_date: istTime(settlement.settledAt), settlement_utr: settlement.utr,
    split_service_charge: null, split_service_tax: null, vendor_commission: null,
    closed_in_favor_of: dispute?.closedInFavorOf ?? null, dispute_resolved_on: dispute?.resolvedAt ? istTime(dispute.resolvedAt) : null,
    dispute_category: dispute?.category ?? null, dispute_note: dispute ? `dispute ${dispute.disputeId}` : null,
    refund_processed_at: refund ? istTime(refund.processedAt) : null, refund_arn: refund ? `ARN${refund.cfRefundId}` : null,
    refund_note: refund?.note ?? null, refund_id: refund?.refundId ?? null, adjustment_remarks: event.remarks,
  };
}

/** `GET /orders/{order_id}/settlements` (2023-08-01 `SettlementEntity`): the order's payment and the settlement that paid it. */
export function orderSettlementEntity(payment: ReconEvent, settlement: SandboxCashfreeSettlement) {
  const order = payment.order as NonNullable<ReconEvent['order']>;
  return {
    cf_payment_id: order.cfPaymentId, cf_settlement_id: settlement.cfSettlementId, settlement_currency: 'INR', order_id: order.orderId, entity: 'settlement',
    order_amount: amount(order.orderAmountMinor), payment_time: istTime(order.paymentTime), service_charge: amount(payment.serviceChargeMinor),
    service_tax: amount(payment.serviceTaxMinor), settlement_amount: amount(eventSettlementAmount(payment)), settlement_id: Number(settlement.cfSettlementId),
    transfer_id: settlement.transferId, transfer_time: istTime(settlement.settledAt), transfer_utr: settlement.utr,
  };
}

/** `SETTLEMENT_SUCCESS`: `data.settlement` as Cashfree's settlement webhook documents it; `settlement_id` is a number. */
export function settlementWebhookPayload(settlement: SandboxCashfreeSettlement, at: Date): CashfreeWebhookPayload {
  return {
    data: { settlement: { ...settlementFields(settlement), settlement_id: Number(settlement.cfSettlementId) } },
    event_time: istTime(at),
    type: 'SETTLEMENT_SUCCESS',
  };
}
