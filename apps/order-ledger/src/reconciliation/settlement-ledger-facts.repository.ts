import type { ProviderName, SettlementLineV1, SettlementV1 } from '@payments/contracts';
import { Sql } from '@payments/persistence';
import { LedgerFacts, SettlementExpectation, expectationKey, settledKey } from './domain/settlement-matching.types';
import { disputeFeeJournalId, disputeJournalId } from './domain/settlement-postings';

interface ExpectationRow {
  kind: 'payment' | 'refund';
  reference: string;
  order_id: string | null;
  currency: string;
  amount_minor: string;
}

const EXPECTATION_COLUMNS = `kind, reference, order_id, currency, amount_minor`;

const references = (lines: readonly SettlementLineV1[], kinds: readonly SettlementLineV1['kind'][], id: (line: SettlementLineV1) => string | null): string[] =>
  [...new Set(lines.filter((line) => kinds.includes(line.kind)).flatMap((line) => (id(line) ? [id(line) as string] : [])))];

/** Reads what the ledger knows about one provider's settlement day, for the matcher. */
export class SettlementLedgerFactsRepository {
  async load(sql: Sql, provider: ProviderName, date: string, settlements: readonly SettlementV1[]): Promise<LedgerFacts> {
    const lines = settlements.flatMap((settlement) => settlement.lines);
    const paymentIds = references(lines, ['payment'], (line) => line.paymentId);
    const refundIds = references(lines, ['refund', 'refund_reversal'], (line) => line.refundId);
    const disputeIds = references(lines, ['dispute', 'dispute_reversal'], (line) => line.disputeId);

    const linked = await sql.query<ExpectationRow>(
      `SELECT ${EXPECTATION_COLUMNS} FROM order_ledger.settlement_expectations
        WHERE provider = $1 AND ((kind = 'payment' AND reference = ANY($2)) OR (kind = 'refund' AND reference = ANY($3)))`,
      [provider, paymentIds, refundIds],
    );
    const ofDay = await sql.query<ExpectationRow>(
      `SELECT ${EXPECTATION_COLUMNS} FROM order_ledger.settlement_expectations WHERE provider = $1 AND expected_on = $2 ORDER BY occurred_at, reference`,
      [provider, date],
    );
    const expectations = new Map(linked.map(expectationOf).map((expected) => [expectationKey(expected.kind, expected.reference), expected]));
    for (const collection of await this.subscriptionCollections(sql, provider, paymentIds.filter((id) => !expectations.has(expectationKey('payment', id))))) {
      expectations.set(expectationKey('payment', collection.reference), collection);
    }
    const disputeJournals = disputeIds.flatMap((id) => [disputeJournalId(id, 'withdrawn'), disputeJournalId(id, 'reinstated'), disputeFeeJournalId(id)]);
    const dayExpectations = ofDay.map(expectationOf);
    const settled = await this.settledElsewhere(sql, provider, date, [...paymentIds, ...refundIds, ...disputeIds, ...dayExpectations.map((e) => e.reference)]);
    return { expectations, dayExpectations, clearingByJournal: await this.clearingOf(sql, disputeJournals), ...settled };
  }

  /**
   * A subscription's collection is booked as `subscription-payment:<provider>:<payment id>`: a line
   * settling it matches that journal. Collections are not expected on a day (the sandbox does not
   * settle them yet), so they are never missing at the provider.
   */
  private async subscriptionCollections(sql: Sql, provider: ProviderName, paymentIds: readonly string[]): Promise<SettlementExpectation[]> {
    const prefix = `subscription-payment:${provider}:`;
    const clearing = await this.clearingOf(sql, paymentIds.map((id) => `${prefix}${id}`));
    return [...clearing].map(([journalId, booked]) => ({
      kind: 'payment', reference: journalId.slice(prefix.length), orderId: null, currency: booked.currency, amountMinor: booked.amountMinor,
    }));
  }

  /** Provider clearing per journal, as booked. */
  private async clearingOf(sql: Sql, journalIds: readonly string[]): Promise<Map<string, { currency: string; amountMinor: number }>> {
    if (journalIds.length === 0) return new Map();
    const rows = await sql.query<{ journal_id: string; currency: string; amount_minor: string }>(
      `SELECT journal_id, currency, sum(amount_minor) AS amount_minor FROM order_ledger.ledger_postings
        WHERE journal_id = ANY($1) AND account = 'provider_clearing' GROUP BY journal_id, currency`,
      [journalIds],
    );
    return new Map(rows.map((row) => [row.journal_id, { currency: row.currency, amountMinor: Number(row.amount_minor) }]));
  }

  private async settledElsewhere(sql: Sql, provider: ProviderName, date: string, ids: readonly string[]): Promise<Pick<LedgerFacts, 'settledEarlier' | 'settledOnOtherDays'>> {
    const rows = await sql.query<{ kind: SettlementLineV1['kind']; reference: string; earlier: boolean }>(
      `SELECT DISTINCT kind, reference, settlement_date < $2 AS earlier FROM order_ledger.settled_lines
        WHERE provider = $1 AND settlement_date <> $2 AND reference = ANY($3)`,
      [provider, date, [...new Set(ids)]],
    );
    return {
      settledEarlier: new Set(rows.filter((row) => row.earlier).map((row) => settledKey(row.kind, row.reference))),
      settledOnOtherDays: new Set(rows.map((row) => settledKey(row.kind, row.reference))),
    };
  }
}

function expectationOf(row: ExpectationRow): SettlementExpectation {
  return { kind: row.kind, reference: row.reference, orderId: row.order_id, currency: row.currency, amountMinor: Number(row.amount_minor) };
}
