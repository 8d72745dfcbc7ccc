import type { SettlementReport } from './settlement-report';

const HEADER = ['type', 'payment_id', 'charge_id', 'refund_id', 'order_id', 'currency', 'occurred_at', 'gross_minor', 'fee_minor', 'tax_on_fee_minor', 'net_minor'];

/** RFC 4180: quote a field holding a comma, quote or line break, doubling its quotes. */
const field = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The report as CSV: a header, one line per row, then one `total` line per currency (counts left out). */
export function settlementReportCsv(report: SettlementReport): string {
  const rows = report.rows.map((row) => [
    row.type, row.paymentId, row.chargeId, row.refundId, row.orderId, row.currency, row.occurredAt, row.grossMinor, row.feeMinor, row.taxOnFeeMinor, row.netMinor,
  ]);
  const totals = report.totals.map((total) => [
    'total', null, null, null, null, total.currency, report.date, total.grossMinor, total.feeMinor, total.taxOnFeeMinor, total.netMinor,
  ]);
  return [HEADER, ...rows, ...totals].map((line) => line.map(field).join(',')).join('\r\n') + '\r\n';
}
