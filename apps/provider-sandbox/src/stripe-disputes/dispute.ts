import type { SandboxBalanceTransaction } from '../stripe/balance-transaction';

/** The dispute statuses the sandbox simulates: a chargeback (Stripe also has inquiries, `warning_*`, and appeals). */
export type DisputeStatus = 'needs_response' | 'under_review' | 'won' | 'lost';

/** Why the customer's bank says the payment was wrong, in Stripe's words. */
export const DISPUTE_REASONS = [
  'bank_cannot_process', 'check_returned', 'credit_not_processed', 'customer_initiated', 'debit_not_authorized', 'duplicate', 'fraudulent',
  'general', 'incorrect_account_details', 'insufficient_funds', 'noncompliant', 'product_not_received', 'product_unacceptable',
  'subscription_canceled', 'unrecognized',
] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];

/** The evidence a merchant may send (`evidence[<field>]`); text, or the id of an uploaded file. */
export const EVIDENCE_FIELDS = [
  'access_activity_log', 'billing_address', 'cancellation_policy', 'cancellation_policy_disclosure', 'cancellation_rebuttal',
  'customer_communication', 'customer_email_address', 'customer_name', 'customer_purchase_ip', 'customer_signature',
  'duplicate_charge_documentation', 'duplicate_charge_explanation', 'duplicate_charge_id', 'product_description', 'receipt', 'refund_policy',
  'refund_policy_disclosure', 'refund_refusal_explanation', 'service_date', 'service_documentation', 'shipping_address', 'shipping_carrier',
  'shipping_date', 'shipping_documentation', 'shipping_tracking_number', 'uncategorized_file', 'uncategorized_text',
] as const;
export type EvidenceField = (typeof EVIDENCE_FIELDS)[number];
export type DisputeEvidence = Readonly<Record<EvidenceField, string | null>> & { readonly enhanced_evidence: Record<string, never> };

export interface EvidenceDetails {
  readonly due_by: number;
  readonly enhanced_eligibility: Record<string, never>;
  readonly has_evidence: boolean;
  readonly past_due: boolean;
  readonly submission_count: number;
  readonly submission_method: 'manual' | 'not_submitted';
}

/** A Dispute as Stripe's API returns it. `balance_transactions`: the withdrawal, and the reinstatement once won. */
export interface SandboxDispute {
  readonly id: string;
  readonly object: 'dispute';
  readonly amount: number;
  readonly balance_transactions: readonly SandboxBalanceTransaction[];
  readonly charge: string;
  readonly created: number;
  readonly currency: string;
  readonly enhanced_eligibility_types: readonly string[];
  readonly evidence: DisputeEvidence;
  readonly evidence_details: EvidenceDetails;
  readonly intended_submission_method: null;
  /** False: a charge whose funds were withdrawn for a dispute cannot be refunded as well. */
  readonly is_charge_refundable: false;
  readonly livemode: false;
  readonly metadata: Readonly<Record<string, string>>;
  readonly payment_intent: string;
  readonly payment_method_details: {
    readonly type: 'card';
    readonly card: { readonly brand: 'visa'; readonly case_type: 'chargeback'; readonly network: 'visa'; readonly network_reason_code: null };
  };
  readonly reason: DisputeReason;
  readonly status: DisputeStatus;
}

/** How long the merchant has to answer: 7 days here (Stripe's deadlines depend on the card network). */
export const RESPONSE_WINDOW_SECONDS = 7 * 86_400;

export interface NewDispute {
  readonly id: string;
  readonly amount: number;
  readonly currency: string;
  readonly chargeId: string;
  readonly paymentIntentId: string;
  readonly reason: DisputeReason;
  readonly createdAt: number;
  readonly withdrawal: SandboxBalanceTransaction;
}

const emptyEvidence = (): DisputeEvidence =>
  ({ ...Object.fromEntries(EVIDENCE_FIELDS.map((field) => [field, null])), enhanced_evidence: {} }) as DisputeEvidence;

/** A new chargeback: it needs a response, and its funds (and fee) are withdrawn at once. */
export function newDispute(dispute: NewDispute): SandboxDispute {
  return {
    id: dispute.id,
    object: 'dispute',
    amount: dispute.amount,
    balance_transactions: [dispute.withdrawal],
    charge: dispute.chargeId,
    created: dispute.createdAt,
    currency: dispute.currency,
    enhanced_eligibility_types: [],
    evidence: emptyEvidence(),
    evidence_details: {
      due_by: dispute.createdAt + RESPONSE_WINDOW_SECONDS, enhanced_eligibility: {}, has_evidence: false, past_due: false, submission_count: 0,
      submission_method: 'not_submitted',
    },
    intended_submission_method: null,
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: dispute.paymentIntentId,
    payment_method_details: { type: 'card', card: { brand: 'visa', case_type: 'chargeback', network: 'visa', network_reason_code: null } },
    reason: dispute.reason,
    status: 'needs_response',
  };
}
