import { discrepancyChanges } from './discrepancy-changes';
import { reconcileSettlementDay } from './settlement-matcher';
import { DATE, expected, facts, line, payment, refund, settlement } from './settlement.test-fixtures';
import { LedgerFacts } from './settlement-matching.types';

const ORDER = '5b0f6a2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const day = (...settlements: ReturnType<typeof settlement>[]) => ({ provider: 'stripe' as const, date: DATE, settlements });
const findingsOf = (result: ReturnType<typeof reconcileSettlementDay>) => result.findings.map(({ kind, reference }) => `${kind} ${reference}`);

describe('reconciling a settlement day against the ledger', () => {
  it('matches payments and refunds the ledger booked, by the provider ids, and finds nothing', () => {
    const result = reconcileSettlementDay(
      day(settlement('po_1', [payment('pi_1', 1900, 85, { orderId: ORDER }), refund('re_1', 500)])),
      facts([expected('payment', 'pi_1', 1900, { orderId: ORDER }), expected('refund', 're_1', 500)]),
    );
    expect(result.findings).toEqual([]);
    expect(result.matchedLines).toBe(2);
    expect(result.lines.map((each) => [each.reference, each.outcome, each.journalId])).toEqual([
      ['pi_1', 'matched', 'fee:stripe:txn_pi_1'],
      ['re_1', 'matched', null],
    ]);
    expect(result.journals.map((journal) => journal.journalId)).toEqual(['fee:stripe:txn_pi_1', 'payout:stripe:po_1']);
  });

  it('finds a settled payment the ledger never booked missing in the ledger', () => {
    const result = reconcileSettlementDay(day(settlement('po_1', [payment('pi_x', 1000, 59, { orderId: ORDER })])), facts([]));
    expect(result.findings).toEqual([{ kind: 'missing-in-ledger', reference: 'pi_x', orderId: ORDER, currency: 'USD', providerMinor: 1000, ledgerMinor: null }]);
    expect(result.lines[0].outcome).toBe('missing-in-ledger');
  });

  it('finds a payment of the day that no line carries missing at the provider, with what the ledger holds', () => {
    const result = reconcileSettlementDay(day(settlement('po_1', [])), facts([expected('payment', 'pi_2', 1900, { orderId: ORDER }), expected('refund', 're_2', 300)]));
    expect(result.findings).toEqual([
      { kind: 'missing-at-provider', reference: 'pi_2', orderId: ORDER, currency: 'USD', providerMinor: null, ledgerMinor: 1900 },
      { kind: 'missing-at-provider', reference: 're_2', orderId: null, currency: 'USD', providerMinor: null, ledgerMinor: -300 },
    ]);
  });

  it('does not count as missing at the provider what another day settled', () => {
    const ofDay = [expected('payment', 'pi_3', 1000)];
    const result = reconcileSettlementDay(day(), facts([], { dayExpectations: ofDay, settledOnOtherDays: new Set(['payment:pi_3']) }));
    expect(result.findings).toEqual([]);
  });

  it('finds an amount the ledger booked otherwise, and a currency it booked otherwise', () => {
    const result = reconcileSettlementDay(
      day(settlement('po_1', [payment('pi_4', 1800), payment('pi_5', 1900, 0, { currency: 'EUR' })])),
      facts([expected('payment', 'pi_4', 1900), expected('payment', 'pi_5', 1900)]),
    );
    expect(result.findings).toEqual([
      { kind: 'amount-mismatch', reference: 'pi_4', orderId: null, currency: 'USD', providerMinor: 1800, ledgerMinor: 1900 },
      { kind: 'currency-mismatch', reference: 'pi_5', orderId: null, currency: 'EUR', providerMinor: 1900, ledgerMinor: 1900 },
    ]);
  });

  it('finds a payment settled twice in one settlement, and one an earlier day settled already', () => {
    const inOneDay = reconcileSettlementDay(
      day(settlement('po_1', [payment('pi_6', 1000), { ...payment('pi_6', 1000), lineId: 'txn_again' }])), facts([expected('payment', 'pi_6', 1000)]),
    );
    expect(findingsOf(inOneDay)).toEqual(['settled-twice pi_6']);
    expect(inOneDay.lines.map((each) => each.outcome)).toEqual(['matched', 'settled-twice']);

    const onTwoDays = reconcileSettlementDay(day(settlement('po_2', [payment('pi_7', 1000)])), facts([expected('payment', 'pi_7', 1000)], { settledEarlier: new Set(['payment:pi_7']) }));
    expect(onTwoDays.findings).toEqual([{ kind: 'settled-twice', reference: 'pi_7', orderId: null, currency: 'USD', providerMinor: 1000, ledgerMinor: 1000 }]);
  });

  it('reports a fee or other line with nothing behind it as an unexplained fee, and still books it', () => {
    const result = reconcileSettlementDay(day(settlement('po_1', [line('fee', { lineId: 'txn_fee', grossMinor: -200 }), line('other', { lineId: 'txn_o', grossMinor: -5 })])), facts([]));
    expect(result.findings).toEqual([
      { kind: 'unexplained-fee', reference: 'txn_fee', orderId: null, currency: 'USD', providerMinor: -200, ledgerMinor: null },
      { kind: 'unexplained-fee', reference: 'txn_o', orderId: null, currency: 'USD', providerMinor: -5, ledgerMinor: null },
    ]);
    expect(result.journals.map((journal) => journal.journalId)).toEqual(['fee:stripe:txn_fee', 'fee:stripe:txn_o', 'payout:stripe:po_1']);
  });

  describe('dispute lines', () => {
    const withdrawal = line('dispute', { lineId: 'txn_du', disputeId: 'du_1', paymentId: 'pi_1', grossMinor: -1900, feeMinor: 1500 });
    const withJournals = (entries: [string, number][]): LedgerFacts =>
      facts([], { clearingByJournal: new Map(entries.map(([id, amountMinor]) => [id, { currency: 'USD', amountMinor }])) });

    it('matches a withdrawal against the dispute journal and books its fee as the dispute fee', () => {
      const result = reconcileSettlementDay(day(settlement('po_1', [withdrawal])), withJournals([['dispute:du_1:withdrawn', -1900]]));
      expect(result.findings).toEqual([]);
      expect(result.journals.map((journal) => journal.journalId)).toEqual(['dispute-fee:du_1', 'payout:stripe:po_1']);
    });

    it('finds a withdrawal without the dispute journal missing in the ledger, and a reinstatement against its own journal', () => {
      const reversal = line('dispute_reversal', { lineId: 'txn_dr', disputeId: 'du_1', grossMinor: 1900 });
      const result = reconcileSettlementDay(day(settlement('po_1', [withdrawal, reversal])), withJournals([['dispute:du_1:reinstated', 1900]]));
      expect(findingsOf(result)).toEqual(['missing-in-ledger du_1']);
      expect(result.lines.map((each) => each.outcome)).toEqual(['missing-in-ledger', 'matched']);
    });

    it('finds a dispute fee booked otherwise than the provider charged it', () => {
      const result = reconcileSettlementDay(day(settlement('po_1', [withdrawal])), withJournals([['dispute:du_1:withdrawn', -1900], ['dispute-fee:du_1', -2000]]));
      expect(result.findings).toEqual([{ kind: 'amount-mismatch', reference: 'dispute-fee:du_1', orderId: null, currency: 'USD', providerMinor: -1500, ledgerMinor: -2000 }]);
    });
  });

  describe('refund reversals', () => {
    it('match a refund the ledger never booked, together with that refund, when the day carries both', () => {
      const reversal = line('refund_reversal', { lineId: 'txn_rr', refundId: 're_8', grossMinor: 500 });
      const result = reconcileSettlementDay(day(settlement('po_1', [refund('re_8', 500), reversal])), facts([]));
      expect(result.findings).toEqual([]);
    });

    it('are missing in the ledger when it booked the refund as succeeded', () => {
      const reversal = line('refund_reversal', { lineId: 'txn_rr', refundId: 're_9', grossMinor: 500 });
      const result = reconcileSettlementDay(day(settlement('po_1', [reversal])), facts([expected('refund', 're_9', 500)], { dayExpectations: [] }));
      expect(findingsOf(result)).toEqual(['missing-in-ledger txn_rr']);
    });
  });

  it('comes to the same findings and journals when the day is reconciled again', () => {
    const input = day(settlement('po_1', [payment('pi_1', 1900, 85), line('fee', { lineId: 'txn_fee', grossMinor: -200 })]));
    const ledger = facts([expected('payment', 'pi_1', 1900), expected('payment', 'pi_2', 700)]);
    expect(reconcileSettlementDay(input, ledger)).toEqual(reconcileSettlementDay(input, ledger));
  });
});

describe('discrepancies across runs of a day', () => {
  const stored = (kind: 'missing-in-ledger' | 'unexplained-fee', reference: string, status: 'open' | 'resolved') => ({ discrepancyId: `id-${reference}`, kind, reference, status });

  it('resolves a payment missing in the ledger once the payment is booked and the day is run again', () => {
    const input = day(settlement('po_1', [payment('pi_late', 1900, 85)]));
    const first = reconcileSettlementDay(input, facts([], { dayExpectations: [] }));
    expect(discrepancyChanges([], first.findings).found.map((finding) => finding.kind)).toEqual(['missing-in-ledger']);

    const second = reconcileSettlementDay(input, facts([expected('payment', 'pi_late', 1900)]));
    const changes = discrepancyChanges([stored('missing-in-ledger', 'pi_late', 'open')], second.findings);
    expect(changes).toEqual({ found: [], stillOpen: [], resolved: [stored('missing-in-ledger', 'pi_late', 'open')] });
  });

  it('publishes nothing new for what is still open, and finds again what was resolved before', () => {
    const fee = reconcileSettlementDay(day(settlement('po_1', [line('fee', { lineId: 'txn_fee', grossMinor: -200 })])), facts([])).findings;
    expect(discrepancyChanges([stored('unexplained-fee', 'txn_fee', 'open')], fee)).toMatchObject({ found: [], stillOpen: fee, resolved: [] });
    expect(discrepancyChanges([stored('unexplained-fee', 'txn_fee', 'resolved')], fee)).toMatchObject({ found: fee, stillOpen: [], resolved: [] });
  });
});
