import { Injectable } from '@nestjs/common';
import { EnvelopeOrigin, SettlementDayReconciledV1, SettlementV1 } from '@payments/contracts';
import { OutboundMessage } from '@payments/messaging';
import { Sql } from '@payments/persistence';
import { LedgerRepository } from '../ledger.repository';
import { discrepancyChanges } from './domain/discrepancy-changes';
import { reconcileSettlementDay } from './domain/settlement-matcher';
import { ReconciliationDiscrepanciesRepository } from './reconciliation-discrepancies.repository';
import { ReconciliationMetrics } from './reconciliation.metrics';
import { RunScope, dayReconciled, discrepancyFound, discrepancyResolved } from './reconciliation.messages';
import { SettledDayRepository } from './settled-day.repository';
import { SettlementLedgerFactsRepository } from './settlement-ledger-facts.repository';

export interface ReconciledDay {
  readonly summary: SettlementDayReconciledV1;
  readonly messages: readonly OutboundMessage[];
}

/**
 * Reconciles one provider's day in the caller's transaction: matches every line against the
 * ledger, books fees and payouts once (journal ids from the provider's ids), stores what the day
 * settled, records discrepancies found and resolved, and returns the messages saying so. Runs of
 * the same day take one advisory lock, so two replicas never reconcile a day at once.
 */
@Injectable()
export class ReconcileDayService {
  private readonly facts = new SettlementLedgerFactsRepository();
  private readonly ledger = new LedgerRepository();
  private readonly settled = new SettledDayRepository();
  private readonly discrepancies = new ReconciliationDiscrepanciesRepository();

  constructor(private readonly metrics: ReconciliationMetrics) {}

  async reconcile(sql: Sql, run: RunScope, settlements: readonly SettlementV1[], origin: EnvelopeOrigin, now: Date): Promise<ReconciledDay> {
    const { provider, date } = run;
    await sql.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`reconciliation:${provider}:${date}`]);
    const facts = await this.facts.load(sql, provider, date, settlements);
    const day = reconcileSettlementDay({ provider, date, settlements }, facts);
    let journalsBooked = 0;
    for (const journal of day.journals) {
      if (await this.ledger.postOnce(sql, journal.journalId, orderIdOrNull(journal.orderId), journal.postings, now)) journalsBooked += 1;
    }
    await this.settled.replace(sql, run, settlements, day.lines);

    const changes = discrepancyChanges(await this.discrepancies.ofDay(sql, provider, date), day.findings);
    const messages: OutboundMessage[] = [];
    for (const finding of changes.found) {
      const discrepancyId = await this.discrepancies.found(sql, run, finding, now);
      messages.push(discrepancyFound(run, discrepancyId, finding, origin, now));
    }
    for (const finding of changes.stillOpen) await this.discrepancies.seenAgain(sql, run, finding);
    for (const resolved of changes.resolved) {
      await this.discrepancies.resolved(sql, resolved.discrepancyId, run.runId, now);
      messages.push(discrepancyResolved(run, resolved, origin, now));
    }
    this.metrics.found(provider, changes.found);
    const summary: SettlementDayReconciledV1 = {
      runId: run.runId, provider, date, matchedLines: day.matchedLines, journalsBooked,
      openDiscrepancies: day.findings.length, resolvedDiscrepancies: changes.resolved.length, reconciledAt: now.toISOString(),
    };
    return { summary, messages: [...messages, dayReconciled(summary, origin, now)] };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ledger names orders by our UUIDs; an order id a provider's metadata carries is trusted only if it is one. */
function orderIdOrNull(orderId: string | null): string | null {
  return orderId !== null && UUID.test(orderId) ? orderId.toLowerCase() : null;
}
