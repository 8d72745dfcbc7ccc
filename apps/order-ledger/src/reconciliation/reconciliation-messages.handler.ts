import { Inject, Injectable } from '@nestjs/common';
import { Envelope, RefundFailed, RefundSucceeded, SettlementPaid, SettlementReported, causedBy, isMessage, uuidV5 } from '@payments/contracts';
import { UnprocessableMessageError } from '@payments/messaging';
import { Sql } from '@payments/persistence';
import { CLOCK, Clock } from '@payments/nest-runtime';
import { ReconciliationError } from './domain/reconciliation.errors';
import { parseSettlementDate } from './domain/settlement-day';
import { RECONCILIATION_NAMESPACE } from './reconciliation-discrepancies.repository';
import { ReconciliationRunsService } from './reconciliation-runs.service';
import { SettlementExpectationsBook } from './settlement-expectations.book';
import { SettlementReportsService } from './settlement-reports.service';

/**
 * Reconciliation's part of order-ledger's consumer, inside its inbox transaction:
 * - SettlementReported (settlements.reports) -> a part stored, the day reconciled once all are in;
 * - SettlementPaid (payments.provider-events) -> a run of the day (one per provider event);
 * - RefundSucceeded / RefundFailed -> the provider's refund id noted, so the refund's settlement
 *   line can be matched; the outcome itself is the order's.
 */
@Injectable()
export class ReconciliationMessagesHandler {
  private readonly expectations = new SettlementExpectationsBook();

  constructor(
    private readonly reports: SettlementReportsService,
    private readonly runs: ReconciliationRunsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** True when the message was reconciliation's alone (nothing else is to be done with it). */
  async handle(envelope: Envelope, sql: Sql): Promise<boolean> {
    if (isMessage(envelope, SettlementReported)) {
      await this.reports.receive(sql, envelope.payload, causedBy(envelope));
      return true;
    }
    if (isMessage(envelope, SettlementPaid)) {
      const { provider, providerEventId, date } = envelope.payload;
      const runId = uuidV5(RECONCILIATION_NAMESPACE, `settlement-paid:${provider}:${providerEventId}`);
      await this.runs.request(sql, { runId, provider, date: this.dateOf(date), trigger: 'settlement-paid' }, causedBy(envelope));
      return true;
    }
    if (isMessage(envelope, RefundSucceeded) || isMessage(envelope, RefundFailed)) {
      const { refundId, provider, providerRefundId } = envelope.payload;
      if (providerRefundId) await this.expectations.providerRefundReported(sql, { refundId, provider, providerRefundId });
    }
    return false;
  }

  private dateOf(date: string): string {
    try {
      return parseSettlementDate(date, this.clock.now());
    } catch (error) {
      if (error instanceof ReconciliationError) throw new UnprocessableMessageError(error.code, error.message);
      throw error;
    }
  }
}
