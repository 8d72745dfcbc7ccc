import type Stripe from 'stripe';

/*
 * Stripe payouts, balance transactions and disputes shaped as API version 2026-10-28.endive sends
 * them (every field the objects carry, ids in Stripe's forms), for the mapper specs.
 */

export const CREATED = 1_732_276_800; // 2024-11-22T12:00:00Z
export const ARRIVAL = 1_732_233_600; // 2024-11-22T00:00:00Z

type Row = Partial<Stripe.BalanceTransaction> & Pick<Stripe.BalanceTransaction, 'id' | 'type' | 'reporting_category' | 'amount'>;

export function balanceTransactionFixture(row: Row): Stripe.BalanceTransaction {
  const feeDetails = row.fee_details ?? [];
  const fee = feeDetails.reduce((sum, detail) => sum + detail.amount, 0);
  return {
    object: 'balance_transaction', available_on: CREATED, balance_type: 'payments', created: CREATED, currency: 'usd', description: null,
    exchange_rate: null, fee, fee_details: feeDetails, net: row.amount - fee, source: null, status: 'available', ...row,
  };
}

export const feeDetail = (amount: number, type: 'stripe_fee' | 'tax', description: string, currency = 'usd'): Stripe.BalanceTransaction.FeeDetail =>
  ({ amount, application: null, currency, description, type });

/** A charge as `expand[]=data.source` shows it: it names its PaymentIntent and carries our metadata. */
export const chargeSource = (id: string, paymentIntent: string, orderId: string, amount: number) => ({
  id, object: 'charge', amount, amount_captured: amount, amount_refunded: 0, balance_transaction: null, captured: true, created: CREATED,
  currency: 'usd', description: 'Course', disputed: false, livemode: false, metadata: { order_id: orderId, customer_id: 'user-1' }, paid: true,
  payment_intent: paymentIntent, refunded: false, status: 'succeeded',
}) as unknown as Stripe.Charge;

export const refundSource = (id: string, paymentIntent: string, orderId: string, amount: number) => ({
  id, object: 'refund', amount, balance_transaction: 'txn_3QrefundTxn', charge: 'ch_3Qcharge', created: CREATED, currency: 'usd',
  metadata: { order_id: orderId, refund_id: 'rf_1' }, payment_intent: paymentIntent, reason: null, receipt_number: null, status: 'succeeded',
}) as unknown as Stripe.Refund;

export function disputeFixture(fields: Partial<Stripe.Dispute> = {}): Stripe.Dispute {
  const withdrawal = balanceTransactionFixture({
    id: 'txn_1QdisputeWithdrawal', type: 'adjustment', reporting_category: 'dispute', amount: -4999, description: 'Chargeback withdrawal for ch_3Qcharge',
    source: 'du_1Qdispute', fee_details: [feeDetail(1500, 'stripe_fee', 'Dispute fee')],
  });
  return {
    id: 'du_1Qdispute', object: 'dispute', amount: 4999, balance_transactions: [withdrawal], charge: 'ch_3Qcharge', created: CREATED, currency: 'usd',
    enhanced_eligibility_types: [], evidence: { uncategorized_text: null } as Stripe.Dispute.Evidence,
    evidence_details: { due_by: CREATED + 7 * 86_400, enhanced_eligibility: {}, has_evidence: false, past_due: false, submission_count: 0, submission_method: 'not_submitted' },
    intended_submission_method: null, is_charge_refundable: false, livemode: false, metadata: {}, payment_intent: 'pi_3Qpayment',
    payment_method_details: { type: 'card', card: { brand: 'visa', case_type: 'chargeback', network: 'visa', network_reason_code: '10.4' } },
    reason: 'fraudulent', status: 'needs_response', ...fields,
  } as Stripe.Dispute;
}

export function payoutFixture(fields: Partial<Stripe.Payout> = {}): Stripe.Payout {
  return {
    id: 'po_1Qpayout', object: 'payout', amount: 3824, application_fee: null, application_fee_amount: null, arrival_date: ARRIVAL, automatic: true,
    balance_transaction: 'txn_1QpayoutOwn', created: CREATED, currency: 'usd', description: 'STRIPE PAYOUT', destination: 'ba_1Qbank',
    failure_balance_transaction: null, failure_code: null, failure_message: null, livemode: false, metadata: {}, method: 'standard', original_payout: null,
    payout_method: null, reconciliation_status: 'completed', reversed_by: null, source_type: 'card', statement_descriptor: null, status: 'paid',
    trace_id: { status: 'supported', value: 'TRACE2024112201' }, type: 'bank_account', ...fields,
  };
}
