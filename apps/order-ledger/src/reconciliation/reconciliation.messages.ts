import {
  EnvelopeOrigin, ProviderName, ReconciliationDiscrepancyFound, ReconciliationDiscrepancyResolved, SettlementDayReconciled,
  SettlementDayReconciledV1, SettlementFetchRequested, buildMessage, uuidV5,
} from '@payments/contracts';
import { OutboundMessage } from '@payments/messaging';
import { StoredDiscrepancy } from './domain/discrepancy-changes';
import { Finding } from './domain/settlement-matching.types';
import { RECONCILIATION_NAMESPACE } from './reconciliation-discrepancies.repository';

/** Every reconciliation message is keyed by its day, so a day's messages keep their order. */
export const dayKey = (provider: ProviderName, date: string): string => `${provider}:${date}`;

/** Message ids derive from the run, so a run's messages are enqueued once however often its transaction is retried. */
const messageId = (name: string): string => uuidV5(RECONCILIATION_NAMESPACE, name);

export interface RunScope {
  readonly runId: string;
  readonly provider: ProviderName;
  readonly date: string;
}

export function fetchRequested(run: RunScope, origin: EnvelopeOrigin, at: Date): OutboundMessage {
  return {
    topic: SettlementFetchRequested.topic,
    envelope: buildMessage(SettlementFetchRequested, {
      id: messageId(`fetch:${run.runId}`), key: dayKey(run.provider, run.date), origin, occurredAt: at,
      payload: { runId: run.runId, provider: run.provider, date: run.date, requestedAt: at.toISOString() },
    }),
  };
}

export function discrepancyFound(run: RunScope, discrepancyId: string, finding: Finding, origin: EnvelopeOrigin, at: Date): OutboundMessage {
  return {
    topic: ReconciliationDiscrepancyFound.topic,
    envelope: buildMessage(ReconciliationDiscrepancyFound, {
      id: messageId(`found:${discrepancyId}:${run.runId}`), key: dayKey(run.provider, run.date), origin, occurredAt: at,
      payload: {
        discrepancyId, provider: run.provider, date: run.date, kind: finding.kind, reference: finding.reference, orderId: finding.orderId,
        currency: finding.currency, providerMinor: finding.providerMinor, ledgerMinor: finding.ledgerMinor, runId: run.runId, foundAt: at.toISOString(),
      },
    }),
  };
}

export function discrepancyResolved(run: RunScope, resolved: StoredDiscrepancy, origin: EnvelopeOrigin, at: Date): OutboundMessage {
  return {
    topic: ReconciliationDiscrepancyResolved.topic,
    envelope: buildMessage(ReconciliationDiscrepancyResolved, {
      id: messageId(`resolved:${resolved.discrepancyId}:${run.runId}`), key: dayKey(run.provider, run.date), origin, occurredAt: at,
      payload: {
        discrepancyId: resolved.discrepancyId, provider: run.provider, date: run.date, kind: resolved.kind, reference: resolved.reference,
        runId: run.runId, resolvedAt: at.toISOString(),
      },
    }),
  };
}

export function dayReconciled(summary: SettlementDayReconciledV1, origin: EnvelopeOrigin, at: Date): OutboundMessage {
  return {
    topic: SettlementDayReconciled.topic,
    envelope: buildMessage(SettlementDayReconciled, {
      id: messageId(`reconciled:${summary.runId}`), key: dayKey(summary.provider, summary.date), origin, occurredAt: at, payload: summary,
    }),
  };
}
