import type { SettlementV1 } from '@payments/contracts';
import { ReconciliationError } from './reconciliation.errors';

/** One `SettlementReported` part as stored. */
export interface ReportPart {
  readonly part: number;
  readonly parts: number;
  readonly settlements: readonly SettlementV1[];
  readonly error: string | null;
}

export interface AssembledReport {
  /** Every part 1..parts is in. */
  readonly complete: boolean;
  /** The provider's error code when the fetch failed. */
  readonly error: string | null;
  /** The day's settlements, a settlement spanning parts joined back into one, lines in part order. */
  readonly settlements: readonly SettlementV1[];
}

/** Joins a run's parts; refuses parts that disagree on their count or lie outside it. */
export function assembleParts(received: readonly ReportPart[]): AssembledReport {
  const parts = received[0]?.parts ?? 1;
  const inconsistent = received.find((part) => part.parts !== parts || part.part < 1 || part.part > parts);
  if (inconsistent) {
    throw new ReconciliationError('RECONCILIATION.INCONSISTENT_PARTS', `part ${inconsistent.part} of ${inconsistent.parts} does not fit a report of ${parts} parts`);
  }
  const ordered = [...received].sort((a, b) => a.part - b.part);
  const bySettlement = new Map<string, SettlementV1>();
  for (const settlement of ordered.flatMap((part) => part.settlements)) {
    const earlier = bySettlement.get(settlement.settlementId);
    bySettlement.set(settlement.settlementId, earlier ? { ...earlier, lines: [...earlier.lines, ...settlement.lines] } : settlement);
  }
  return {
    complete: new Set(received.map((part) => part.part)).size === parts,
    error: ordered.find((part) => part.error !== null)?.error ?? null,
    settlements: [...bySettlement.values()],
  };
}
