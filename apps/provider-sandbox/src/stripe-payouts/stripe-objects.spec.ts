import type Stripe from 'stripe';
import { balanceTransaction, disputeFeeDetails, processingFeeDetails } from '../stripe/balance-transaction';
import { newDispute } from '../stripe-disputes/dispute';
import { newPayout } from './payout';

/**
 * The objects as JSON carries them: the sandbox's readonly fields are plain ones on the wire. The
 * assignments below are checked by `npm run typecheck` against the types stripe-node 23 gives the
 * pinned API version: a field Stripe's object has and the sandbox's lacks, or of another type, fails.
 */
type Wire<T> = T extends readonly (infer Item)[] ? Wire<Item>[] : T extends object ? { -readonly [K in keyof T]: Wire<T[K]> } : T;
const wire = <T>(value: T): Wire<T> => structuredClone(value) as Wire<T>;

const created = 1_732_276_800;

describe('the sandbox’s payouts, balance transactions and disputes, as stripe-node types them', () => {
  const charge = balanceTransaction({
    id: 'txn_1', type: 'charge', reportingCategory: 'charge', amount: 120_000, currency: 'INR', created, description: 'Course', source: 'ch_1',
    feeDetails: processingFeeDetails({ feeMinor: 2_400, taxOnFeeMinor: 432 }, 'INR'),
  });
  const withdrawal = balanceTransaction({
    id: 'txn_2', type: 'adjustment', reportingCategory: 'dispute', amount: -4999, currency: 'usd', created, description: 'Chargeback withdrawal for ch_1',
    source: 'du_1', feeDetails: disputeFeeDetails(1500, 'usd'),
  });

  it('gives a balance transaction its fee as the sum of its fee details and its net as amount minus fee, in a lower-case currency', () => {
    const typed: Stripe.BalanceTransaction = wire(charge);
    expect(typed).toMatchObject({ currency: 'inr', fee: 2_832, net: 117_168, fee_details: [{ type: 'stripe_fee', amount: 2_400 }, { type: 'tax', amount: 432 }] });
    expect(wire(withdrawal)).toMatchObject({ fee: 1500, net: -6499, fee_details: [{ description: 'Dispute fee', type: 'stripe_fee' }] });
  });

  it('makes a payout paid and reconciled, arriving at the given midnight', () => {
    const typed: Stripe.Payout = wire(newPayout({
      id: 'po_1', amount: 117_168, currency: 'INR', date: '2024-11-22', arrivalDate: 1_732_233_600, createdAt: created, balanceTransaction: 'txn_3',
    }));
    expect(typed).toMatchObject({ currency: 'inr', status: 'paid', reconciliation_status: 'completed', automatic: true, trace_id: { value: 'SBX-2024-11-22-INR' } });
  });

  it('opens a dispute needing a response, with its withdrawal among its balance transactions', () => {
    const typed: Stripe.Dispute = wire(newDispute({
      id: 'du_1', amount: 4999, currency: 'usd', chargeId: 'ch_1', paymentIntentId: 'pi_1', reason: 'fraudulent', createdAt: created, withdrawal,
    }));
    expect(typed).toMatchObject({ status: 'needs_response', balance_transactions: [{ id: 'txn_2' }], evidence_details: { due_by: created + 7 * 86_400, has_evidence: false } });
  });
});
