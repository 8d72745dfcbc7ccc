/** The dispute types the sandbox raises; Cashfree also escalates to PRE_ARBITRATION and ARBITRATION, which it never does. */
export type CashfreeDisputeType = 'CHARGEBACK' | 'DISPUTE' | 'RETRIEVAL';
export const CASHFREE_DISPUTE_TYPES: readonly CashfreeDisputeType[] = ['CHARGEBACK', 'DISPUTE', 'RETRIEVAL'];

/**
 * Where a dispute stands; its `dispute_status` is `<type>_<stage>` (`CHARGEBACK_DOCS_RECEIVED`).
 * Cashfree's UNDER_REVIEW and INSUFFICIENT_EVIDENCE are never reached in the sandbox.
 */
export type CashfreeDisputeStage = 'CREATED' | 'DOCS_RECEIVED' | 'MERCHANT_WON' | 'MERCHANT_LOST' | 'MERCHANT_ACCEPTED';

/** A document the merchant uploaded to contest the dispute. */
export interface DisputeDocument {
  readonly documentId: string;
  readonly documentName: string;
  /** One of `DISPUTE_DOCUMENT_TYPES`. */
  readonly documentType: string;
  readonly note: string | null;
  readonly sizeBytes: number;
}

/** A dispute raised on a paid order's successful payment, as the sandbox keeps it. Amounts in paise. */
export interface SandboxCashfreeDispute {
  readonly disputeId: string;
  readonly type: CashfreeDisputeType;
  readonly stage: CashfreeDisputeStage;
  readonly orderId: string;
  readonly cfPaymentId: string;
  readonly amountMinor: number;
  readonly reasonCode: string;
  readonly reasonDescription: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly respondBy: Date;
  readonly resolvedAt: Date | null;
  readonly documents: readonly DisputeDocument[];
  /** The dispute fee and its GST, withdrawn with the disputed amount; 0 for a retrieval request. */
  readonly feeMinor: number;
  readonly taxOnFeeMinor: number;
}

export interface OpenDisputeParams {
  readonly type: CashfreeDisputeType;
  readonly amountMinor: number;
  readonly reasonCode: string;
}

/** Cashfree's `dispute_status`. */
export const disputeStatus = (dispute: Pick<SandboxCashfreeDispute, 'type' | 'stage'>): string => `${dispute.type}_${dispute.stage}`;

/** A chargeback or dispute withdraws its amount (and fee) at once, and gives the amount back if won; a retrieval request moves no money. */
export const movesMoney = (type: CashfreeDisputeType): boolean => type !== 'RETRIEVAL';

export const isClosed = (stage: CashfreeDisputeStage): boolean => stage === 'MERCHANT_WON' || stage === 'MERCHANT_LOST' || stage === 'MERCHANT_ACCEPTED';

/** Cashfree's document types for contesting a dispute (its SDK's `doc_type` values). */
export const DISPUTE_DOCUMENT_TYPES: readonly string[] = [
  'Delivery/Service Proof', 'Shipping Proof', 'Statement of Service', 'Proof of Service Used', 'Cancellation of Service Proof', 'Refund Proof',
  'Business model explanation', 'Extra Charges Declaration', 'Terms & Conditions', 'Customer Withdrawal Letter', 'Certificate of Authenticity',
  'Reseller Agreement',
];

/** Reason codes the card networks and NPCI use, with Cashfree's descriptions; any other code reads as a generic reason. */
const REASONS: Readonly<Record<string, string>> = {
  '13.1': 'Merchandise / Services Not Received',
  '13.6': 'Credit Not Processed',
  '10.4': 'Other Fraud - Card Absent Environment',
  '1402': 'Duplicate Processing',
};

export const DEFAULT_REASON_CODE = '13.1';

export function reasonDescription(code: string): string {
  return Object.hasOwn(REASONS, code) ? REASONS[code] : 'Reason stated by the customer’s bank';
}

/** The customer's bank waits this long for the merchant's answer. */
const RESPONSE_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;

export interface NewDisputeFacts {
  readonly disputeId: string;
  readonly orderId: string;
  readonly cfPaymentId: string;
  readonly fee: { readonly feeMinor: number; readonly taxOnFeeMinor: number };
}

export function newDispute(facts: NewDisputeFacts, params: OpenDisputeParams, now: Date): SandboxCashfreeDispute {
  const fee = movesMoney(params.type) ? facts.fee : { feeMinor: 0, taxOnFeeMinor: 0 };
  return {
    disputeId: facts.disputeId, type: params.type, stage: 'CREATED', orderId: facts.orderId, cfPaymentId: facts.cfPaymentId,
    amountMinor: params.amountMinor, reasonCode: params.reasonCode, reasonDescription: reasonDescription(params.reasonCode),
    createdAt: now, updatedAt: now, respondBy: new Date(now.getTime() + RESPONSE_WINDOW_MS), resolvedAt: null, documents: [], ...fee,
  };
}
