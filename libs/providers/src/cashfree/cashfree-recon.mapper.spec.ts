import { ProviderError } from '../port/provider.errors';
import { disputeIdOfRow, movesMoney, toProviderSettlement, toSettlementLine } from './cashfree-recon.mapper';
import type { CashfreeReconRow } from './cashfree-settlement.types';

// As JSON.parse hands them over: rupee amounts are numbers with at most two decimals.
const row = (fields: CashfreeReconRow): CashfreeReconRow => ({
  event_id: '5114910001', event_type: 'PAYMENT', sale_type: 'CREDIT', event_status: 'SUCCESS', event_currency: 'INR',
  event_amount: 1200, payment_service_charge: 22.8, payment_service_tax: 4.1, event_settlement_amount: 1173.1,
  event_time: '2024-11-22T16:30:00+05:30', order_id: 'ord_1', cf_payment_id: '5114910001', cf_settlement_id: '6121001', ...fields,
});

function refusalOf(read: () => unknown): ProviderError {
  try {
    read();
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected the row to be refused');
}

describe('Cashfree recon events as settlement lines, in exact paise', () => {
  it.each([
    ['a payment: gross in, service charge and GST out', row({}), {
      kind: 'payment', paymentId: '5114910001', grossMinor: 120_000, feeMinor: 2_280, taxOnFeeMinor: 410, netMinor: 117_310,
    }],
    ['a refund: gross out, no charge, named <order_id>:<refund_id>', row({
      event_id: '5114910007', event_type: 'REFUND', sale_type: 'DEBIT', event_amount: 88.82, payment_service_charge: 0, payment_service_tax: 0,
      event_settlement_amount: 88.82, refund_id: 'refund-1',
    }), { kind: 'refund', refundId: 'ord_1:refund-1', paymentId: '5114910001', grossMinor: -8_882, feeMinor: 0, taxOnFeeMinor: 0, netMinor: -8_882 }],
    ['a failed refund given back', row({
      event_id: '8800000002', event_type: 'REFUND_REVERSAL', event_amount: 10, payment_service_charge: null, payment_service_tax: null,
      event_settlement_amount: 10, refund_id: 'refund-2',
    }), { kind: 'refund_reversal', refundId: 'ord_1:refund-2', grossMinor: 1_000, netMinor: 1_000 }],
    ['a chargeback: the amount and its dispute fee with GST, all out', row({
      event_id: '433475001', event_type: 'CHARGEBACK', sale_type: 'DEBIT', event_amount: 588.82, payment_service_charge: 500,
      payment_service_tax: 90, event_settlement_amount: 1178.82,
    }), { kind: 'dispute', disputeId: '433475001', grossMinor: -58_882, feeMinor: 50_000, taxOnFeeMinor: 9_000, netMinor: -117_882 }],
    ['a won chargeback given back, its fee kept', row({
      event_id: '8800000003', event_type: 'CHARGEBACK_REVERSAL', event_amount: 588.82, payment_service_charge: 0, payment_service_tax: 0,
      event_settlement_amount: 588.82,
    }), { kind: 'dispute_reversal', disputeId: '433475001', grossMinor: 58_882, netMinor: 58_882 }],
    ['a charge with no order behind it', row({
      event_id: '8800000004', event_type: 'OTHER_ADJUSTMENT', sale_type: 'DEBIT', event_amount: 0.01, payment_service_charge: 0,
      payment_service_tax: 0, event_settlement_amount: 0.01, order_id: null, cf_payment_id: null,
    }), { kind: 'fee', paymentId: null, orderId: null, refundId: null, disputeId: null, grossMinor: -1, netMinor: -1 }],
    ['an event type we do not know, reported as other', row({ event_type: 'RISK_HOLD', sale_type: 'DEBIT', payment_service_charge: 0, payment_service_tax: 0, event_settlement_amount: 1200 }), {
      kind: 'other', grossMinor: -120_000, netMinor: -120_000,
    }],
  ])('reads %s', (_label, input, line) => {
    expect(toSettlementLine(input, '433475001')).toMatchObject({ lineId: String(input.event_id), currency: 'INR', occurredAt: '2024-11-22T11:00:00.000Z', ...line });
  });

  it('gives a line no dispute id unless it is a dispute line, and no refund id unless it is a refund line', () => {
    expect(toSettlementLine(row({ refund_id: 'stray' }), '433475001')).toMatchObject({ disputeId: null, refundId: null });
  });

  it('writes a debit of nothing as 0, never -0', () => {
    const line = toSettlementLine(row({ event_type: 'OTHER_ADJUSTMENT', sale_type: 'DEBIT', event_amount: 0, payment_service_charge: 0, payment_service_tax: 0, event_settlement_amount: 0 }), null);
    expect(Object.is(line.grossMinor, 0) && Object.is(line.netMinor, 0)).toBe(true);
  });

  it('reads ids Cashfree sends as numbers, and times written without a zone as IST', () => {
    expect(toSettlementLine(row({ event_id: 5114910001, cf_payment_id: 5114910001, event_time: '2024-11-22 16:30:00' }), null)).toMatchObject({
      lineId: '5114910001', paymentId: '5114910001', occurredAt: '2024-11-22T11:00:00.000Z',
    });
  });

  it.each([
    ['a net that does not come to the amount Cashfree settles', { event_settlement_amount: 1173.11 }, /settles -?117311/],
    ['a sale type that is neither CREDIT nor DEBIT', { sale_type: 'REVERSAL' }, /sale_type/],
    ['an amount with three decimals', { event_amount: 1200.005 }, /event_amount/],
    ['a negative event amount', { event_amount: -1200 }, /event_amount/],
    ['a payment with no cf_payment_id', { cf_payment_id: null }, /cf_payment_id/],
    ['a row with no event id', { event_id: null }, /event_id/],
    ['an event time that is no time', { event_time: 'yesterday' }, /event_time/],
  ])('refuses %s rather than guess, as an answer it cannot read', (_label, change, message) => {
    expect(refusalOf(() => toSettlementLine(row(change), null))).toMatchObject({
      code: 'PROVIDER.UNAVAILABLE', providerCode: 'malformed_response', retryable: false, message: expect.stringMatching(message),
    });
  });

  it('counts only events that succeeded as money moved', () => {
    expect([row({}), row({ event_status: 'FAILED' }), row({ event_status: 'PENDING' }), row({ event_status: undefined })].map(movesMoney)).toEqual([true, false, false, true]);
  });
});

describe('finding the dispute a recon row is about', () => {
  const chargeback = { dispute_id: 433475001, dispute_type: 'CHARGEBACK', dispute_status: 'CHARGEBACK_MERCHANT_WON', dispute_amount: 588.82 };
  const retrieval = { dispute_id: 433475002, dispute_type: 'RETRIEVAL', dispute_status: 'RETRIEVAL_CREATED', dispute_amount: 588.82 };
  const debit = row({ event_id: '433475001', event_type: 'CHARGEBACK', sale_type: 'DEBIT', event_amount: 588.82 });
  const reversal = row({ event_id: '8800000003', event_type: 'CHARGEBACK_REVERSAL', event_amount: 588.82 });

  it('takes the withdrawal’s event id when the order has a dispute of that id', () => {
    expect(disputeIdOfRow(debit, [retrieval, chargeback])).toBe('433475001');
  });

  it('takes the one won dispute of the type and amount for a reversal, which has an event id of its own', () => {
    expect(disputeIdOfRow(reversal, [retrieval, chargeback])).toBe('433475001');
  });

  it('names none when no dispute, or more than one, fits', () => {
    expect(disputeIdOfRow(reversal, [retrieval])).toBeNull();
    expect(disputeIdOfRow(reversal, [chargeback, { ...chargeback, dispute_id: 433475009 }])).toBeNull();
    expect(disputeIdOfRow(reversal, [{ ...chargeback, dispute_status: 'CHARGEBACK_MERCHANT_LOST' }])).toBeNull();
  });
});

describe('a Cashfree settlement with its lines', () => {
  const item = {
    cf_settlement_id: '6121001', status: 'SUCCESS', settlement_currency: 'INR', amount_settled: -10.5, settled_on: '2024-11-23 05:29:59',
    settlement_utr: 'N6121001',
  };

  it('reads the amount Cashfree says it settled, signed, when it paid, and the UTR', () => {
    expect(toProviderSettlement(item, [])).toEqual({
      settlementId: '6121001', currency: 'INR', amountMinor: -1_050, status: 'SUCCESS', paid: true, settledAt: '2024-11-22T23:59:59.000Z',
      bankReference: 'N6121001', lines: [],
    });
  });

  it('is not paid until its status is SUCCESS', () => {
    expect(toProviderSettlement({ ...item, status: 'PENDING' }, [])).toMatchObject({ paid: false, status: 'PENDING' });
  });

  it('refuses a settlement with no id, status or time', () => {
    for (const change of [{ cf_settlement_id: null }, { status: null }, { settled_on: null }]) {
      expect(refusalOf(() => toProviderSettlement({ ...item, ...change }, []))).toMatchObject({ providerCode: 'malformed_response' });
    }
  });
});
