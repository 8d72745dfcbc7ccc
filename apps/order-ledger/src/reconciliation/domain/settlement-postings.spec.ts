import { isBalanced } from '../../domain/ledger-postings';
import { line, payment, refund, settlement } from './settlement.test-fixtures';
import {
  journalForLine, journalForPayout, journalsForSettlements, postingsForLineFee, postingsForPayout, postingsForUnexplainedLine,
} from './settlement-postings';

describe('settlement postings', () => {
  it('books a line fee as provider fees and tax receivable against provider clearing', () => {
    expect(postingsForLineFee({ currency: 'INR', feeMinor: 200, taxOnFeeMinor: 36 })).toEqual([
      { account: 'provider_fees', amountMinor: 200, currency: 'INR' },
      { account: 'fee_tax_receivable', amountMinor: 36, currency: 'INR' },
      { account: 'provider_clearing', amountMinor: -236, currency: 'INR' },
    ]);
  });

  it('books a fee the provider refunded with the signs turned, and leaves out what is zero', () => {
    expect(postingsForLineFee({ currency: 'EUR', feeMinor: -25, taxOnFeeMinor: 0 })).toEqual([
      { account: 'provider_fees', amountMinor: -25, currency: 'EUR' },
      { account: 'provider_clearing', amountMinor: 25, currency: 'EUR' },
    ]);
  });

  it('books all an unexplained fee line took as a fee, clearing moved by its net', () => {
    const platformFee = line('fee', { lineId: 'txn_fee', grossMinor: -500, feeMinor: 0, taxOnFeeMinor: 90 });
    expect(postingsForUnexplainedLine(platformFee)).toEqual([
      { account: 'provider_fees', amountMinor: 500, currency: 'USD' },
      { account: 'fee_tax_receivable', amountMinor: 90, currency: 'USD' },
      { account: 'provider_clearing', amountMinor: -590, currency: 'USD' },
    ]);
  });

  it('books a payout as bank against provider clearing', () => {
    expect(postingsForPayout({ currency: 'JPY', amountMinor: 9640 })).toEqual([
      { account: 'bank', amountMinor: 9640, currency: 'JPY' },
      { account: 'provider_clearing', amountMinor: -9640, currency: 'JPY' },
    ]);
  });

  it('names journals by the provider ids: fee per line, dispute fee per dispute, payout per settlement', () => {
    const withdrawal = line('dispute', { lineId: 'txn_du', disputeId: 'du_1', grossMinor: -1900, feeMinor: 1500 });
    expect(journalForLine('stripe', payment('pi_1', 1900, 85))?.journalId).toBe('fee:stripe:txn_pi_1');
    expect(journalForLine('stripe', withdrawal)?.journalId).toBe('dispute-fee:du_1');
    expect(journalForLine('stripe', line('dispute_reversal', { lineId: 'txn_dr', disputeId: 'du_1', grossMinor: 1900, feeMinor: -1500 }))?.journalId).toBe('fee:stripe:txn_dr');
    expect(journalForLine('cashfree', line('other', { lineId: 'evt_9', grossMinor: -100 }))?.journalId).toBe('fee:cashfree:evt_9');
    expect(journalForPayout('stripe', settlement('po_1', [payment('pi_1', 1900, 85)]))?.journalId).toBe('payout:stripe:po_1');
  });

  it('books nothing for a line without fee or tax, or a settlement not paid yet', () => {
    expect(journalForLine('stripe', refund('re_1', 500))).toBeNull();
    expect(journalForPayout('stripe', settlement('po_2', [payment('pi_2', 1000, 59)], { paid: false, status: 'in_transit' }))).toBeNull();
  });

  it('keeps each journal once when a dispute fee is met twice, and every journal balances', () => {
    const withdrawal = line('dispute', { lineId: 'txn_du_a', disputeId: 'du_2', grossMinor: -1000, feeMinor: 1500 });
    const again = { ...withdrawal, lineId: 'txn_du_b' };
    const journals = journalsForSettlements('stripe', [
      settlement('po_3', [payment('pi_3', 1000, 59), withdrawal]),
      settlement('po_4', [again, line('fee', { lineId: 'txn_f', grossMinor: -200 })]),
    ]);
    expect(journals.map((journal) => journal.journalId)).toEqual(['fee:stripe:txn_pi_3', 'dispute-fee:du_2', 'payout:stripe:po_3', 'fee:stripe:txn_f', 'payout:stripe:po_4']);
    for (const journal of journals) expect(isBalanced(journal.postings)).toBe(true);
  });
});
