import { ProviderError } from '../port/provider.errors';
import { arrivalDayRange, lineKindOf, toProviderSettlement, toSettlementLine } from './stripe-settlement.mapper';
import {
  balanceTransactionFixture as txn, chargeSource, disputeFixture, feeDetail, payoutFixture, refundSource,
} from './stripe-settlement.fixture';

const occurredAt = '2024-11-22T12:00:00.000Z';

describe('Stripe balance transactions as settlement lines', () => {
  it('reads a charge as a payment of its PaymentIntent and our order, its fee apart from the tax on it', () => {
    const charge = txn({
      id: 'txn_1', type: 'charge', reporting_category: 'charge', amount: 120_000, currency: 'inr', source: chargeSource('ch_1', 'pi_1', 'ord_1', 120_000),
      fee_details: [feeDetail(2_400, 'stripe_fee', 'Stripe processing fees', 'inr'), feeDetail(432, 'tax', 'GST', 'inr')],
    });
    expect(toSettlementLine(charge)).toEqual({
      lineId: 'txn_1', kind: 'payment', paymentId: 'pi_1', refundId: null, disputeId: null, orderId: 'ord_1', currency: 'INR',
      grossMinor: 120_000, feeMinor: 2_400, taxOnFeeMinor: 432, netMinor: 117_168, occurredAt,
    });
  });

  it('reads a refund as a refund naming itself and its PaymentIntent, with a negative gross', () => {
    const refund = txn({ id: 'txn_2', type: 'refund', reporting_category: 'refund', amount: -1000, source: refundSource('re_1', 'pi_1', 'ord_1', 1000) });
    expect(toSettlementLine(refund)).toEqual({
      lineId: 'txn_2', kind: 'refund', paymentId: 'pi_1', refundId: 're_1', disputeId: null, orderId: 'ord_1', currency: 'USD',
      grossMinor: -1000, feeMinor: 0, taxOnFeeMinor: 0, netMinor: -1000, occurredAt,
    });
  });

  it('reads a dispute withdrawal and its reinstatement by reporting category, naming the dispute and its PaymentIntent, without an order id', () => {
    const dispute = disputeFixture();
    const withdrawal = txn({ ...dispute.balance_transactions[0], source: dispute });
    const reinstatement = txn({ id: 'txn_4', type: 'adjustment', reporting_category: 'dispute_reversal', amount: 4999, source: dispute });
    expect(toSettlementLine(withdrawal)).toMatchObject({
      kind: 'dispute', paymentId: 'pi_3Qpayment', disputeId: 'du_1Qdispute', refundId: null, orderId: null, grossMinor: -4999, feeMinor: 1500, netMinor: -6499,
    });
    expect(toSettlementLine(reinstatement)).toMatchObject({ kind: 'dispute_reversal', disputeId: 'du_1Qdispute', grossMinor: 4999, feeMinor: 0, netMinor: 4999 });
  });

  it('reads a Stripe fee with no source as a fee about no payment', () => {
    expect(toSettlementLine(txn({ id: 'txn_5', type: 'stripe_fee', reporting_category: 'fee', amount: -250, description: 'Radar' }))).toEqual({
      lineId: 'txn_5', kind: 'fee', paymentId: null, refundId: null, disputeId: null, orderId: null, currency: 'USD',
      grossMinor: -250, feeMinor: 0, taxOnFeeMinor: 0, netMinor: -250, occurredAt,
    });
  });

  it.each([
    [{ type: 'charge', reporting_category: 'charge' }, 'payment'],
    [{ type: 'payment', reporting_category: 'charge' }, 'payment'],
    [{ type: 'payment_refund', reporting_category: 'refund' }, 'refund'],
    [{ type: 'refund_failure', reporting_category: 'refund_failure' }, 'refund_reversal'],
    [{ type: 'adjustment', reporting_category: 'dispute' }, 'dispute'],
    [{ type: 'adjustment', reporting_category: 'dispute_reversal' }, 'dispute_reversal'],
    [{ type: 'adjustment', reporting_category: 'other_adjustment' }, 'other'],
    [{ type: 'stripe_fee', reporting_category: 'fee' }, 'fee'],
    [{ type: 'transfer', reporting_category: 'transfer' }, 'other'],
  ] as const)('files %j as %s', (transaction, kind) => {
    expect(lineKindOf(transaction)).toBe(kind);
  });

  it('keeps a failed refund’s reversal tied to the refund and its payment', () => {
    const reversal = txn({ id: 'txn_6', type: 'refund_failure', reporting_category: 'refund_failure', amount: 1000, source: refundSource('re_1', 'pi_1', 'ord_1', 1000) });
    expect(toSettlementLine(reversal)).toMatchObject({ kind: 'refund_reversal', refundId: 're_1', paymentId: 'pi_1', grossMinor: 1000 });
  });
});

describe('a Stripe payout as a settlement', () => {
  const charge = txn({ id: 'txn_1', type: 'charge', reporting_category: 'charge', amount: 4999, source: chargeSource('ch_1', 'pi_1', 'ord_1', 4999), fee_details: [feeDetail(175, 'stripe_fee', 'Stripe processing fees')] });
  const own = txn({ id: 'txn_1QpayoutOwn', type: 'payout', reporting_category: 'payout', amount: -4824, source: 'po_1Qpayout', description: 'STRIPE PAYOUT' });

  it('holds every balance transaction but the payout’s own, and is paid on its arrival day with its trace id', () => {
    expect(toProviderSettlement(payoutFixture({ amount: 4824 }), [own, charge])).toEqual({
      settlementId: 'po_1Qpayout', currency: 'USD', amountMinor: 4824, status: 'paid', paid: true, settledAt: '2024-11-22T00:00:00.000Z',
      bankReference: 'TRACE2024112201', lines: [toSettlementLine(charge)],
    });
  });

  it('is not paid while in transit, and has no bank reference without a trace id', () => {
    expect(toProviderSettlement(payoutFixture({ status: 'in_transit', trace_id: null }), [])).toMatchObject({ paid: false, status: 'in_transit', bankReference: null });
  });
});

describe('a settlement day', () => {
  it('is the UTC day in unix seconds, and only a calendar day', () => {
    expect(arrivalDayRange('2024-11-22')).toEqual({ gte: 1_732_233_600, lt: 1_732_320_000 });
    expect(() => arrivalDayRange('2024-02-30')).toThrow(ProviderError);
    expect(() => arrivalDayRange('22/11/2024')).toThrow(expect.objectContaining({ code: 'PROVIDER.INVALID_REQUEST' }));
  });
});
