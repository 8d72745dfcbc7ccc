import type { DiscrepancyKind, ProviderName, ReconciliationDiscrepancyFoundV1, SettlementLineV1, SettlementV1 } from '@payments/contracts';
import type { Finding } from './settlement-matching.types';
import type { RunStatus } from './reconciliation-run.decider';

/** A run as the report shows it. */
export interface ReportRun {
  readonly runId: string;
  readonly provider: ProviderName;
  readonly date: string;
  readonly trigger: string;
  readonly status: RunStatus;
  readonly error: string | null;
  readonly requestedAt: string;
  readonly fetchedAt: string | null;
  readonly reconciledAt: string | null;
  readonly failedAt: string | null;
  readonly matchedLines: number | null;
  readonly journalsBooked: number | null;
  readonly openDiscrepancies: number | null;
  readonly resolvedDiscrepancies: number | null;
}

/** A settlement as the provider reported it, without its lines. */
export interface ReportSettlement extends Omit<SettlementV1, 'lines'> {
  /** The payout journal, once paid. */
  readonly journalId: string | null;
}

/** A line as the provider reported it, and what reconciling it came to. */
export interface ReportLine extends Pick<SettlementLineV1, 'lineId' | 'kind' | 'orderId' | 'currency' | 'grossMinor' | 'feeMinor' | 'taxOnFeeMinor' | 'netMinor'> {
  readonly settlementId: string;
  /** The payment, refund or dispute id it was matched by; its own id when it names none. */
  readonly reference: string;
  readonly outcome: 'matched' | DiscrepancyKind;
  readonly journalId: string | null;
}

export interface ReportDiscrepancy extends Finding, Pick<ReconciliationDiscrepancyFoundV1, 'discrepancyId' | 'provider' | 'date'> {
  readonly status: 'open' | 'resolved';
  readonly foundAt: string;
  readonly resolvedAt: string | null;
}

/** Per currency: what the day's lines moved and what reached the bank. */
export interface ReportTotal {
  readonly currency: string;
  readonly lines: number;
  readonly matchedLines: number;
  readonly grossMinor: number;
  readonly feeMinor: number;
  readonly taxOnFeeMinor: number;
  readonly netMinor: number;
  readonly paidOutMinor: number;
}

/** What one provider's day came to: matched, booked and left open. */
export interface SettlementDayReport {
  readonly provider: ProviderName;
  readonly date: string;
  /** The latest run of the day, then every run newest first. */
  readonly run: ReportRun;
  readonly runs: readonly ReportRun[];
  readonly settlements: readonly ReportSettlement[];
  readonly lines: readonly ReportLine[];
  readonly discrepancies: readonly ReportDiscrepancy[];
  readonly totals: readonly ReportTotal[];
}

export function totalsOf(lines: readonly ReportLine[], settlements: readonly ReportSettlement[]): ReportTotal[] {
  const currencies = [...new Set([...lines.map((line) => line.currency), ...settlements.map((settlement) => settlement.currency)])].sort();
  return currencies.map((currency) => {
    const of = lines.filter((line) => line.currency === currency);
    const sum = (field: 'grossMinor' | 'feeMinor' | 'taxOnFeeMinor' | 'netMinor') => of.reduce((total, line) => total + line[field], 0);
    return {
      currency, lines: of.length, matchedLines: of.filter((line) => line.outcome === 'matched').length,
      grossMinor: sum('grossMinor'), feeMinor: sum('feeMinor'), taxOnFeeMinor: sum('taxOnFeeMinor'), netMinor: sum('netMinor'),
      paidOutMinor: settlements.filter((s) => s.currency === currency && s.paid).reduce((total, s) => total + s.amountMinor, 0),
    };
  });
}

const HEADER = [
  'record', 'settlement_id', 'line_id', 'kind', 'reference', 'order_id', 'currency', 'gross_minor', 'fee_minor', 'tax_on_fee_minor',
  'net_minor', 'outcome', 'journal_id',
];

/**
 * The report as CSV: one row per payout (`settlement`), per line (`line`) and per discrepancy of the
 * day (`discrepancy`, its status as the outcome, provider and ledger amounts as gross and net).
 */
export function settlementDayCsv(report: SettlementDayReport): string {
  const rows: (string | number | null)[][] = [
    ...report.settlements.map((s) => ['settlement', s.settlementId, null, s.paid ? 'payout' : 'pending', s.bankReference, null, s.currency, s.amountMinor, null, null, s.amountMinor, s.status, s.journalId]),
    ...report.lines.map((l) => ['line', l.settlementId, l.lineId, l.kind, l.reference, l.orderId, l.currency, l.grossMinor, l.feeMinor, l.taxOnFeeMinor, l.netMinor, l.outcome, l.journalId]),
    ...report.discrepancies.map((d) => ['discrepancy', null, null, d.kind, d.reference, d.orderId, d.currency, d.providerMinor, null, null, d.ledgerMinor, d.status, null]),
  ];
  return [HEADER, ...rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}

/** Quotes what needs it; a text starting like a formula is prefixed so a spreadsheet shows it as text. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
