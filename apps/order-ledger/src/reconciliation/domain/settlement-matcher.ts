import type { ProviderName, SettlementLineV1, SettlementV1 } from '@payments/contracts';
import {
  Finding, LedgerFacts, LineOutcome, SettlementExpectation, expectationKey, settledKey,
} from './settlement-matching.types';
import { SettlementJournal, disputeFeeJournalId, disputeJournalId, journalForLine, journalsForSettlements } from './settlement-postings';

/** One provider's settlement day, every part of it assembled. */
export interface SettlementDay {
  readonly provider: ProviderName;
  /** `YYYY-MM-DD`, UTC. */
  readonly date: string;
  readonly settlements: readonly SettlementV1[];
}

/** What reconciling a day came to: each line's outcome, the discrepancies and the journals to book. */
export interface DayReconciliation {
  readonly lines: readonly LineOutcome[];
  /** One per (kind, reference). */
  readonly findings: readonly Finding[];
  readonly journals: readonly SettlementJournal[];
  readonly matchedLines: number;
}

interface Judged {
  readonly reference: string;
  readonly findings: readonly Finding[];
}

interface Context {
  readonly facts: LedgerFacts;
  /** `settledKey`s of the lines judged so far today. */
  readonly seen: Set<string>;
  /** Refunds whose reversal the day carries: a refund the ledger never booked and the provider gave back. */
  readonly reversedInDay: ReadonlySet<string>;
}

/**
 * Matches every line of the day to the ledger, finds what the ledger holds that no line of the day
 * carries, and lists the journals the day books. Pure: the ledger's side comes in as `facts`.
 */
export function reconcileSettlementDay(day: SettlementDay, facts: LedgerFacts): DayReconciliation {
  const all = day.settlements.flatMap((settlement) => settlement.lines.map((line) => ({ settlementId: settlement.settlementId, line })));
  const reversedInDay = new Set(all.flatMap(({ line }) => (line.kind === 'refund_reversal' && line.refundId ? [line.refundId] : [])));
  const context: Context = { facts, seen: new Set(), reversedInDay };
  const findings = new Map<string, Finding>();
  const lines = all.map(({ settlementId, line }): LineOutcome => {
    const judged = judgeLine(line, context);
    context.seen.add(settledKey(line.kind, judged.reference));
    for (const finding of judged.findings) addFinding(findings, finding);
    const journalId = journalForLine(day.provider, line)?.journalId ?? null;
    return { settlementId, line, reference: judged.reference, outcome: judged.findings[0]?.kind ?? 'matched', journalId };
  });
  for (const finding of missingAtProvider(context)) addFinding(findings, finding);
  return {
    lines,
    findings: [...findings.values()],
    journals: journalsForSettlements(day.provider, day.settlements),
    matchedLines: lines.filter((line) => line.outcome === 'matched').length,
  };
}

function judgeLine(line: SettlementLineV1, context: Context): Judged {
  switch (line.kind) {
    case 'fee':
    case 'other':
      return {
        reference: line.lineId,
        findings: [{ kind: 'unexplained-fee', reference: line.lineId, orderId: line.orderId, currency: line.currency, providerMinor: line.netMinor, ledgerMinor: null }],
      };
    case 'payment':
      return againstExpectation(line, 'payment', line.paymentId, context);
    case 'refund':
      return againstExpectation(line, 'refund', line.refundId, context);
    case 'refund_reversal':
      return refundReversal(line, context);
    case 'dispute':
      return againstDispute(line, 'withdrawn', context);
    case 'dispute_reversal':
      return againstDispute(line, 'reinstated', context);
    default: {
      const never: never = line.kind;
      throw new Error(`unknown settlement line kind ${String(never)}`);
    }
  }
}

/** Payments settle positive, refunds negative: the ledger's positive amount is signed the line's way. */
function againstExpectation(line: SettlementLineV1, kind: SettlementExpectation['kind'], id: string | null, context: Context): Judged {
  if (!id) return missingInLedger(line, line.lineId);
  const expected = context.facts.expectations.get(expectationKey(kind, id));
  const ledgerMinor = expected ? (kind === 'refund' ? -expected.amountMinor : expected.amountMinor) : null;
  if (settledBefore(line, id, context)) return settledTwice(line, id, ledgerMinor);
  if (!expected) return kind === 'refund' && context.reversedInDay.has(id) ? matched(id) : missingInLedger(line, id);
  return compared(line, id, { currency: expected.currency, amountMinor: ledgerMinor as number }, expected.orderId);
}

/**
 * The provider gave back a refund. The ledger books refunds only once they succeeded, so if it holds
 * this one, the reversal is what it lacks; if not, the provider merely returned what it had held.
 */
function refundReversal(line: SettlementLineV1, context: Context): Judged {
  if (!line.refundId) return missingInLedger(line, line.lineId);
  if (context.facts.expectations.has(expectationKey('refund', line.refundId))) return missingInLedger(line, line.lineId);
  return matched(line.refundId);
}

/** A dispute's withdrawal or reinstatement against the dispute work's journal of it, and its fee. */
function againstDispute(line: SettlementLineV1, stage: 'withdrawn' | 'reinstated', context: Context): Judged {
  if (!line.disputeId) return missingInLedger(line, line.lineId);
  const journal = context.facts.clearingByJournal.get(disputeJournalId(line.disputeId, stage));
  if (settledBefore(line, line.disputeId, context)) return settledTwice(line, line.disputeId, journal?.amountMinor ?? null);
  if (!journal) return missingInLedger(line, line.disputeId);
  const judged = compared(line, line.disputeId, journal, line.orderId);
  const feeId = disputeFeeJournalId(line.disputeId);
  const bookedFee = stage === 'withdrawn' ? context.facts.clearingByJournal.get(feeId) : undefined;
  const lineFee = -(line.feeMinor + line.taxOnFeeMinor);
  if (!bookedFee || lineFee === 0 || bookedFee.amountMinor === lineFee) return judged;
  const feeFinding: Finding = { kind: 'amount-mismatch', reference: feeId, orderId: line.orderId, currency: line.currency, providerMinor: lineFee, ledgerMinor: bookedFee.amountMinor };
  return { reference: judged.reference, findings: [...judged.findings, feeFinding] };
}

function missingAtProvider({ facts, seen }: Context): Finding[] {
  return facts.dayExpectations
    .filter((expected) => !seen.has(settledKey(expected.kind, expected.reference)) && !facts.settledOnOtherDays.has(settledKey(expected.kind, expected.reference)))
    .map((expected) => ({
      kind: 'missing-at-provider', reference: expected.reference, orderId: expected.orderId, currency: expected.currency,
      providerMinor: null, ledgerMinor: expected.kind === 'refund' ? -expected.amountMinor : expected.amountMinor,
    }));
}

function settledBefore(line: SettlementLineV1, id: string, { seen, facts }: Context): boolean {
  const key = settledKey(line.kind, id);
  return seen.has(key) || facts.settledEarlier.has(key);
}

function compared(line: SettlementLineV1, reference: string, ledger: { currency: string; amountMinor: number }, orderId: string | null): Judged {
  const base = { reference, orderId: orderId ?? line.orderId, providerMinor: line.grossMinor, ledgerMinor: ledger.amountMinor };
  if (ledger.currency !== line.currency) return { reference, findings: [{ ...base, kind: 'currency-mismatch', currency: line.currency }] };
  if (ledger.amountMinor !== line.grossMinor) return { reference, findings: [{ ...base, kind: 'amount-mismatch', currency: line.currency }] };
  return matched(reference);
}

const matched = (reference: string): Judged => ({ reference, findings: [] });

function missingInLedger(line: SettlementLineV1, reference: string): Judged {
  return { reference, findings: [{ kind: 'missing-in-ledger', reference, orderId: line.orderId, currency: line.currency, providerMinor: line.grossMinor, ledgerMinor: null }] };
}

function settledTwice(line: SettlementLineV1, reference: string, ledgerMinor: number | null): Judged {
  return { reference, findings: [{ kind: 'settled-twice', reference, orderId: line.orderId, currency: line.currency, providerMinor: line.grossMinor, ledgerMinor }] };
}

function addFinding(findings: Map<string, Finding>, finding: Finding): void {
  const key = `${finding.kind}:${finding.reference}`;
  if (!findings.has(key)) findings.set(key, finding);
}
