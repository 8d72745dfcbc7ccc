import type { DiscrepancyKind } from '@payments/contracts';
import { Finding } from './settlement-matching.types';

/** A discrepancy of the day as stored by an earlier run. */
export interface StoredDiscrepancy {
  readonly discrepancyId: string;
  readonly kind: DiscrepancyKind;
  readonly reference: string;
  readonly status: 'open' | 'resolved';
}

export interface DiscrepancyChanges {
  /** New, or resolved before and found again: each is published as found. */
  readonly found: readonly Finding[];
  /** Open already: their figures are brought up to date, nothing is published. */
  readonly stillOpen: readonly Finding[];
  /** Open before and not found by this run: each is published as resolved. */
  readonly resolved: readonly StoredDiscrepancy[];
}

const keyOf = (item: { kind: DiscrepancyKind; reference: string }): string => `${item.kind}\u0000${item.reference}`;

/** What this run's findings change in the day's stored discrepancies (keyed by kind and reference). */
export function discrepancyChanges(stored: readonly StoredDiscrepancy[], findings: readonly Finding[]): DiscrepancyChanges {
  const before = new Map(stored.map((item) => [keyOf(item), item]));
  const now = new Set(findings.map(keyOf));
  return {
    found: findings.filter((finding) => before.get(keyOf(finding))?.status !== 'open'),
    stillOpen: findings.filter((finding) => before.get(keyOf(finding))?.status === 'open'),
    resolved: stored.filter((item) => item.status === 'open' && !now.has(keyOf(item))),
  };
}
