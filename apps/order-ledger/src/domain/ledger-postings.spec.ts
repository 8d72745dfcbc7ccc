import {
  LedgerPosting, isBalanced, postingsForDisputeFee, postingsForDisputeReinstated, postingsForDisputeWithdrawn, postingsForOrderPaid, postingsForRefund,
} from './ledger-postings';

const byAccount = (postings: readonly LedgerPosting[]) => Object.fromEntries(postings.map((p) => [p.account, p.amountMinor]));
const sumOf = (sets: LedgerPosting[][], account: string) =>
  sets.flat().filter((p) => p.account === account).reduce((sum, p) => sum + p.amountMinor, 0);

describe('postings for a paid order', () => {
  it.each<[string, number, number, string, Record<string, number>]>([
    ['INR with 18% GST on top', 58882, 8982, 'INR', { provider_clearing: 58882, revenue: -49900, tax_payable: -8982 }],
    ['INR with 18% GST included', 49900, 7612, 'INR', { provider_clearing: 49900, revenue: -42288, tax_payable: -7612 }],
    ['USD without tax', 1900, 0, 'USD', { provider_clearing: 1900, revenue: -1900 }],
    ['JPY without tax', 2900, 0, 'JPY', { provider_clearing: 2900, revenue: -2900 }],
    ['KWD without tax', 6500, 0, 'KWD', { provider_clearing: 6500, revenue: -6500 }],
    ['BHD with 10% VAT', 5495, 500, 'BHD', { provider_clearing: 5495, revenue: -4995, tax_payable: -500 }],
  ])('given %s, when paid, then clearing is debited, revenue and tax credited, and it balances', (_l, total, tax, currency, expected) => {
    const postings = postingsForOrderPaid({ totalMinor: total, taxMinor: tax, currency });
    expect(byAccount(postings)).toEqual(expected);
    expect(postings.every((p) => p.currency === currency)).toBe(true);
    expect(isBalanced(postings)).toBe(true);
  });

  it('refuses tax larger than the total', () => {
    expect(() => postingsForOrderPaid({ totalMinor: 100, taxMinor: 101, currency: 'INR' })).toThrow(
      expect.objectContaining({ code: 'MONEY.INVALID_AMOUNT' }),
    );
  });
});

describe('postings for refunds', () => {
  it.each<[string, number, number, string, number[]]>([
    ['INR with GST, refunded in three parts', 58882, 8982, 'INR', [10000, 20000, 28882]],
    ['INR with GST, refunded a paisa at a time at first', 58882, 8982, 'INR', [1, 1, 1, 58879]],
    ['INR with GST included, refunded in two parts', 49900, 7612, 'INR', [33333, 16567]],
    ['USD refunded in two parts', 1900, 0, 'USD', [950, 950]],
    ['JPY refunded in three parts', 2900, 0, 'JPY', [1000, 1000, 900]],
    ['KWD refunded in full', 6500, 0, 'KWD', [6500]],
    ['BHD with VAT refunded in odd parts', 5495, 500, 'BHD', [7, 1333, 4155]],
  ])('given %s, each refund balances and together they reverse the sale exactly', (_l, total, tax, currency, parts) => {
    let already = 0;
    const sets = parts.map((refundMinor) => {
      const postings = postingsForRefund({ totalMinor: total, taxMinor: tax, currency, refundMinor, alreadyRefundedMinor: already });
      already += refundMinor;
      expect(isBalanced(postings)).toBe(true);
      expect(byAccount(postings).provider_clearing).toBe(-refundMinor);
      return postings;
    });
    const sale = byAccount(postingsForOrderPaid({ totalMinor: total, taxMinor: tax, currency }));
    expect(sumOf(sets, 'revenue') + sale.revenue).toBe(0);
    expect(sumOf(sets, 'tax_payable') + (sale.tax_payable ?? 0)).toBe(0);
  });

  it('given INR with GST, when 100.00 is refunded, then revenue and tax are reversed in proportion', () => {
    const postings = postingsForRefund({ totalMinor: 58882, taxMinor: 8982, currency: 'INR', refundMinor: 10000, alreadyRefundedMinor: 0 });
    // 10000 x 8982 / 58882 = 1525.42 -> 1525 tax, 8475 revenue
    expect(byAccount(postings)).toEqual({ revenue: 8475, tax_payable: 1525, provider_clearing: -10000 });
  });

  it('refuses a refund beyond what was paid', () => {
    expect(() =>
      postingsForRefund({ totalMinor: 1900, taxMinor: 0, currency: 'USD', refundMinor: 1000, alreadyRefundedMinor: 901 }),
    ).toThrow(expect.objectContaining({ code: 'MONEY.INVALID_AMOUNT' }));
  });

  it('does not call postings in two currencies balanced', () => {
    expect(isBalanced([
      { account: 'provider_clearing', amountMinor: 100, currency: 'USD' },
      { account: 'revenue', amountMinor: -100, currency: 'INR' },
    ])).toBe(false);
  });
});

describe('postings for disputes', () => {
  it('withdraws the disputed amount from provider clearing into disputes, in the payment currency', () => {
    expect(postingsForDisputeWithdrawn(1900, 'USD')).toEqual([
      { account: 'disputes', amountMinor: 1900, currency: 'USD' },
      { account: 'provider_clearing', amountMinor: -1900, currency: 'USD' },
    ]);
  });

  it('books the dispute fee as a provider fee charged against clearing', () => {
    expect(byAccount(postingsForDisputeFee(1500, 'USD'))).toEqual({ provider_fees: 1500, provider_clearing: -1500 });
  });

  it('reinstates a won dispute back into provider clearing', () => {
    expect(byAccount(postingsForDisputeReinstated(58882, 'INR'))).toEqual({ provider_clearing: 58882, disputes: -58882 });
  });

  it.each([['won', true], ['lost', false]])('given a paid order disputed and %s, the books balance and disputes hold only what is lost', (_outcome, won) => {
    const sets = [postingsForOrderPaid({ totalMinor: 1900, taxMinor: 0, currency: 'USD' }), postingsForDisputeWithdrawn(1900, 'USD'), postingsForDisputeFee(1500, 'USD')];
    if (won) sets.push(postingsForDisputeReinstated(1900, 'USD'));
    expect(sets.every(isBalanced)).toBe(true);
    expect(sumOf(sets, 'disputes')).toBe(won ? 0 : 1900);
    expect(sumOf(sets, 'provider_clearing')).toBe(won ? 1900 - 1500 : -1500);
    expect(sumOf(sets, 'provider_fees')).toBe(1500);
  });

  it('books nothing for a zero fee, and refuses a fractional amount', () => {
    expect(postingsForDisputeFee(0, 'USD')).toEqual([]);
    expect(() => postingsForDisputeWithdrawn(1.5, 'USD')).toThrow(expect.objectContaining({ code: 'MONEY.INVALID_AMOUNT' }));
  });
});
