import type { SettlementAmounts, SettlementReport, SettlementRow } from './settlement-report';

/** A column naming a row by one of its provider's ids; left empty on the total lines. */
export interface SettlementIdColumn<Row> {
  readonly header: string;
  readonly value: (row: Row) => string | null;
}

const STRIPE_ID_COLUMNS: readonly SettlementIdColumn<SettlementRow>[] = [
  { header: 'payment_id', value: (row) => row.paymentId },
  { header: 'charge_id', value: (row) => row.chargeId },
  { header: 'refund_id', value: (row) => row.refundId },
  { header: 'order_id', value: (row) => row.orderId },
];

/** RFC 4180: quote a field holding a comma, quote or line break, doubling its quotes. */
const field = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * A report as CSV: a header, one line per row (`type`, the id columns, currency, time, amounts in
 * signed minor units), then one `total` line per currency (counts left out).
 */
export function settlementCsv<Row extends SettlementAmounts>(report: SettlementReport<Row>, idColumns: readonly SettlementIdColumn<Row>[]): string {
  const header = ['type', ...idColumns.map((column) => column.header), 'currency', 'occurred_at', 'gross_minor', 'fee_minor', 'tax_on_fee_minor', 'net_minor'];
  const rows = report.rows.map((row) => [
    row.type, ...idColumns.map((column) => column.value(row)), row.currency, row.occurredAt, row.grossMinor, row.feeMinor, row.taxOnFeeMinor, row.netMinor,
  ]);
  const totals = report.totals.map((total) => [
    'total', ...idColumns.map(() => null), total.currency, report.date, total.grossMinor, total.feeMinor, total.taxOnFeeMinor, total.netMinor,
  ]);
  return [header, ...rows, ...totals].map((line) => line.map(field).join(',')).join('\r\n') + '\r\n';
}

/** The report with Stripe's ids (payment, charge, refund, order) as CSV. */
export function settlementReportCsv(report: SettlementReport): string {
  return settlementCsv(report, STRIPE_ID_COLUMNS);
}
