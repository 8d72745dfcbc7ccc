import { toCashfreeAmount } from '@payments/providers';
import { SandboxCashfreeOrder, istTime } from '../cashfree/cashfree-order';
import type { CashfreeWebhookPayload } from '../cashfree-webhooks/cashfree-webhook.payloads';
import { CashfreeDisputeStage, SandboxCashfreeDispute, disputeStatus, isClosed } from './cashfree-dispute';
import type { CashfreeDisputeWebhookType } from './cashfree-dispute.decider';

/*
 * The sandbox's disputes in Cashfree's wire shapes (x-api-version 2023-08-01): `DisputesEntity` of
 * the API, and the `DISPUTE_*` webhooks, where the order and the customer sit beside the dispute
 * and the dispute id is a string.
 */

const amount = (minor: number) => toCashfreeAmount(minor, 'INR');

const REMARKS: Readonly<Record<CashfreeDisputeStage, string>> = {
  CREATED: 'Dispute is created, please take action',
  DOCS_RECEIVED: 'Documents received, the dispute is under review',
  MERCHANT_WON: 'Dispute closed in favour of the merchant',
  MERCHANT_LOST: 'Dispute closed in favour of the customer',
  MERCHANT_ACCEPTED: 'Dispute accepted by the merchant',
};

const PREFERRED_EVIDENCE = [
  { document_type: 'Delivery/Service Proof', document_description: 'Proof that the course was delivered: access granted and lessons opened' },
  { document_type: 'Statement of Service', document_description: 'A statement of the service provided to the customer' },
];

function orderDetails(dispute: SandboxCashfreeDispute, order: SandboxCashfreeOrder) {
  const paid = order.attempts.find((attempt) => attempt.cfPaymentId === dispute.cfPaymentId);
  return {
    order_id: order.orderId, order_amount: amount(order.amountMinor), order_currency: order.currency,
    payment_amount: amount(paid?.amountMinor ?? order.amountMinor), payment_currency: order.currency,
  };
}

const customerDetails = ({ customer }: SandboxCashfreeOrder) => ({ customer_name: customer.name, customer_phone: customer.phone, customer_email: customer.email });

/** `GET /disputes/{dispute_id}`, an element of `GET /orders/{order_id}/disputes`, and the answers to accept and documents. */
export function disputeEntity(dispute: SandboxCashfreeDispute, order: SandboxCashfreeOrder) {
  return {
    dispute_id: Number(dispute.disputeId),
    dispute_type: dispute.type,
    reason_code: dispute.reasonCode,
    reason_description: dispute.reasonDescription,
    dispute_amount: amount(dispute.amountMinor),
    created_at: istTime(dispute.createdAt),
    respond_by: istTime(dispute.respondBy),
    updated_at: istTime(dispute.updatedAt),
    resolved_at: dispute.resolvedAt ? istTime(dispute.resolvedAt) : null,
    dispute_status: disputeStatus(dispute),
    cf_dispute_remarks: REMARKS[dispute.stage],
    preferred_evidence: PREFERRED_EVIDENCE,
    dispute_evidence: dispute.documents.map((document) => ({
      document_id: Number(document.documentId), document_name: document.documentName, document_type: document.documentType,
    })),
    order_details: { ...orderDetails(dispute, order), cf_payment_id: dispute.cfPaymentId },
    customer_details: customerDetails(order),
  };
}

/** `DISPUTE_CREATED|UPDATED|CLOSED`: who is to act next is the merchant until documents come, then Cashfree, then no one. */
export function disputeWebhookPayload(type: CashfreeDisputeWebhookType, dispute: SandboxCashfreeDispute, order: SandboxCashfreeOrder, at: Date): CashfreeWebhookPayload {
  const actionOn = isClosed(dispute.stage) ? null : dispute.stage === 'CREATED' ? 'MERCHANT' : 'CASHFREE';
  return {
    data: {
      dispute: {
        dispute_id: dispute.disputeId, dispute_type: dispute.type, reason_code: dispute.reasonCode, reason_description: dispute.reasonDescription,
        dispute_amount: amount(dispute.amountMinor), created_at: istTime(dispute.createdAt), updated_at: istTime(dispute.updatedAt),
        respond_by: istTime(dispute.respondBy), dispute_status: disputeStatus(dispute), cf_dispute_remarks: REMARKS[dispute.stage], dispute_action_on: actionOn,
      },
      order_details: { ...orderDetails(dispute, order), cf_payment_id: Number(dispute.cfPaymentId) },
      customer_details: customerDetails(order),
    },
    event_time: istTime(at),
    type,
  };
}
