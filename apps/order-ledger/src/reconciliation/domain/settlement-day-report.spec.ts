import { ReportLine, ReportRun, SettlementDayReport, settlementDayCsv, totalsOf } from './settlement-day-report';

const run: ReportRun = {
  runId: '0f5d3c2b-8a7e-4b1c-9d6f-2e3a4b5c6d7e', provider: 'stripe', date: '2026-12-01', trigger: 'admin', status: 'reconciled', error: null,
  requestedAt: '2026-12-02T02:00:00.000Z', fetchedAt: '2026-12-02T02:00:01.000Z', reconciledAt: '2026-12-02T02:00:01.000Z', failedAt: null,
  matchedLines: 1, journalsBooked: 3, openDiscrepancies: 1, resolvedDiscrepancies: 0,
};
const lineOf = (fields: Partial<ReportLine>): ReportLine => ({
  settlementId: 'po_1', lineId: 'txn_1', kind: 'payment', reference: 'pi_1', orderId: null, currency: 'USD', grossMinor: 1900, feeMinor: 85, taxOnFeeMinor: 0,
  netMinor: 1815, outcome: 'matched', journalId: 'fee:stripe:txn_1', ...fields,
});
const report: SettlementDayReport = {
  provider: 'stripe', date: '2026-12-01', run, runs: [run],
  settlements: [{ settlementId: 'po_1', currency: 'USD', amountMinor: 1615, status: 'paid', paid: true, settledAt: '2026-12-01T20:00:00.000Z', bankReference: 'TRACE 1', journalId: 'payout:stripe:po_1' }],
  lines: [lineOf({}), lineOf({ lineId: 'txn_2', kind: 'fee', reference: 'txn_2', grossMinor: -200, feeMinor: 0, netMinor: -200, outcome: 'unexplained-fee', journalId: 'fee:stripe:txn_2' })],
  discrepancies: [{
    discrepancyId: '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', provider: 'stripe', date: '2026-12-01', kind: 'unexplained-fee', reference: 'txn_2', orderId: null,
    currency: 'USD', providerMinor: -200, ledgerMinor: null, status: 'open', foundAt: '2026-12-02T02:00:01.000Z', resolvedAt: null,
  }],
  totals: [],
};

describe('the settlement day report', () => {
  it('totals each currency: lines, matched lines, amounts and what was paid out', () => {
    expect(totalsOf(report.lines, report.settlements)).toEqual([
      { currency: 'USD', lines: 2, matchedLines: 1, grossMinor: 1700, feeMinor: 85, taxOnFeeMinor: 0, netMinor: 1615, paidOutMinor: 1615 },
    ]);
  });

  it('writes one CSV row per payout, line and discrepancy under one header', () => {
    expect(settlementDayCsv(report).split('\n')).toEqual([
      'record,settlement_id,line_id,kind,reference,order_id,currency,gross_minor,fee_minor,tax_on_fee_minor,net_minor,outcome,journal_id',
      'settlement,po_1,,payout,TRACE 1,,USD,1615,,,1615,paid,payout:stripe:po_1',
      'line,po_1,txn_1,payment,pi_1,,USD,1900,85,0,1815,matched,fee:stripe:txn_1',
      'line,po_1,txn_2,fee,txn_2,,USD,-200,0,0,-200,unexplained-fee,fee:stripe:txn_2',
      'discrepancy,,,unexplained-fee,txn_2,,USD,-200,,,,open,',
      '',
    ]);
  });

  it('quotes what holds a comma or quote, and keeps a text that starts like a formula from being one', () => {
    const odd = { ...report, settlements: [], discrepancies: [], lines: [lineOf({ reference: 'a,"b"', orderId: '=cmd()' })] };
    expect(settlementDayCsv(odd).split('\n')[1]).toBe(`line,po_1,txn_1,payment,"a,""b""",'=cmd(),USD,1900,85,0,1815,matched,fee:stripe:txn_1`);
  });
});
