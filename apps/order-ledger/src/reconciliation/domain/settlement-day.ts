import type { ProviderName } from '@payments/contracts';
import { ReconciliationError } from './reconciliation.errors';

/** The providers whose settlement days are reconciled. */
export const SETTLEMENT_PROVIDERS: readonly ProviderName[] = ['stripe', 'cashfree'];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export function parseProvider(raw: unknown): ProviderName {
  if (typeof raw === 'string' && (SETTLEMENT_PROVIDERS as readonly string[]).includes(raw)) return raw as ProviderName;
  throw new ReconciliationError('RECONCILIATION.INVALID_PROVIDER', `provider must be one of ${SETTLEMENT_PROVIDERS.join(', ')}, got "${String(raw ?? '')}"`);
}

/**
 * A settlement day, `YYYY-MM-DD` (UTC): a real calendar day, not after `today` (a day that has not
 * begun has settled nothing).
 */
export function parseSettlementDate(raw: unknown, today: Date): string {
  const text = typeof raw === 'string' ? raw : '';
  const start = Date.parse(`${text}T00:00:00Z`);
  if (!DAY.test(text) || Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== text) {
    throw new ReconciliationError('RECONCILIATION.INVALID_DATE', `date must be a calendar day as YYYY-MM-DD, got "${String(raw ?? '')}"`);
  }
  if (text > dayOf(today)) throw new ReconciliationError('RECONCILIATION.INVALID_DATE', `date ${text} is in the future: nothing has settled on it yet`);
  return text;
}

/** The UTC day an instant falls on. */
export function dayOf(at: Date | string): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** The UTC day before `date`. */
export function previousDay(date: string): string {
  return dayOf(new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS));
}
