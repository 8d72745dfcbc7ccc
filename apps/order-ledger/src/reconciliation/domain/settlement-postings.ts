import type { ProviderName, SettlementLineV1, SettlementV1 } from '@payments/contracts';
import { LedgerAccount, LedgerPosting, isBalanced } from '../../domain/ledger-postings';

/**
 * What a settlement books, beside the payment, refund and dispute journals booked when those
 * happened: the provider's fees per line and each payout into the bank. Amounts are signed as in a
 * settlement line (a fee the provider refunded is negative), so every journal balances whatever the
 * signs. Provider clearing ends up holding exactly what the provider still owes: a payment's journal
 * debits its gross, its fee journal credits fee and tax, the payout credits the net it paid.
 */

/** One journal to book once under its id (ids derive from the provider's ids, so a re-run books nothing). */
export interface SettlementJournal {
  readonly journalId: string;
  readonly orderId: string | null;
  readonly postings: readonly LedgerPosting[];
}

export const feeJournalId = (provider: ProviderName, lineId: string): string => `fee:${provider}:${lineId}`;
export const payoutJournalId = (provider: ProviderName, settlementId: string): string => `payout:${provider}:${settlementId}`;
/** Shared with the dispute work, which may book the same fee first from the dispute's webhook. */
export const disputeFeeJournalId = (disputeId: string): string => `dispute-fee:${disputeId}`;
/** The dispute work's journals of the money a dispute moved. */
export const disputeJournalId = (disputeId: string, stage: 'withdrawn' | 'reinstated'): string => `dispute:${disputeId}:${stage}`;

/** Lines that are only a fee: no payment, refund or dispute behind them. */
export const isUnexplained = (line: Pick<SettlementLineV1, 'kind'>): boolean => line.kind === 'fee' || line.kind === 'other';

/** A line's fee: debit provider fees (tax excluded) and fee tax receivable, credit provider clearing. */
export function postingsForLineFee(line: Pick<SettlementLineV1, 'currency' | 'feeMinor' | 'taxOnFeeMinor'>): LedgerPosting[] {
  return signedJournal(line.currency, [
    ['provider_fees', line.feeMinor],
    ['fee_tax_receivable', line.taxOnFeeMinor],
    ['provider_clearing', -(line.feeMinor + line.taxOnFeeMinor)],
  ]);
}

/**
 * A fee or other line with nothing behind it: the money it moved is gone (or, positive, came back)
 * as a fee, so all of it is booked as one, with its own fee and tax; clearing moves by its net.
 */
export function postingsForUnexplainedLine(line: Pick<SettlementLineV1, 'currency' | 'grossMinor' | 'feeMinor' | 'taxOnFeeMinor'>): LedgerPosting[] {
  return signedJournal(line.currency, [
    ['provider_fees', line.feeMinor - line.grossMinor],
    ['fee_tax_receivable', line.taxOnFeeMinor],
    ['provider_clearing', line.grossMinor - line.feeMinor - line.taxOnFeeMinor],
  ]);
}

/** A payout that reached the bank: debit bank, credit provider clearing with what it paid. */
export function postingsForPayout(settlement: Pick<SettlementV1, 'currency' | 'amountMinor'>): LedgerPosting[] {
  return signedJournal(settlement.currency, [
    ['bank', settlement.amountMinor],
    ['provider_clearing', -settlement.amountMinor],
  ]);
}

/**
 * The journal a line books, if any: a fee or other line books all it moved (`fee:<provider>:<line>`);
 * a dispute withdrawal books its fee as the dispute's fee (`dispute-fee:<dispute>`); any other line
 * with a fee or tax books them (`fee:<provider>:<line>`); a line without either books nothing.
 */
export function journalForLine(provider: ProviderName, line: SettlementLineV1): SettlementJournal | null {
  if (isUnexplained(line)) return checked(feeJournalId(provider, line.lineId), line.orderId, postingsForUnexplainedLine(line));
  if (line.feeMinor === 0 && line.taxOnFeeMinor === 0) return null;
  const journalId = line.kind === 'dispute' && line.disputeId ? disputeFeeJournalId(line.disputeId) : feeJournalId(provider, line.lineId);
  return checked(journalId, line.orderId, postingsForLineFee(line));
}

/** The payout's journal, once the money is in the bank (a pending settlement books nothing yet). */
export function journalForPayout(provider: ProviderName, settlement: SettlementV1): SettlementJournal | null {
  if (!settlement.paid || settlement.amountMinor === 0) return null;
  return checked(payoutJournalId(provider, settlement.settlementId), null, postingsForPayout(settlement));
}

/** Every journal of the day's settlements, each id once (a dispute fee met twice is booked once). */
export function journalsForSettlements(provider: ProviderName, settlements: readonly SettlementV1[]): SettlementJournal[] {
  const journals = new Map<string, SettlementJournal>();
  for (const settlement of settlements) {
    for (const journal of [...settlement.lines.map((line) => journalForLine(provider, line)), journalForPayout(provider, settlement)]) {
      if (journal && !journals.has(journal.journalId)) journals.set(journal.journalId, journal);
    }
  }
  return [...journals.values()];
}

function signedJournal(currency: string, lines: readonly [LedgerAccount, number][]): LedgerPosting[] {
  return lines.filter(([, amountMinor]) => amountMinor !== 0).map(([account, amountMinor]) => ({ account, amountMinor, currency }));
}

function checked(journalId: string, orderId: string | null, postings: LedgerPosting[]): SettlementJournal | null {
  if (postings.length === 0) return null;
  // Holds by construction; a failure here is a bug, not bad input.
  if (!isBalanced(postings)) throw new Error(`journal ${journalId} does not balance`);
  return { journalId, orderId, postings };
}
