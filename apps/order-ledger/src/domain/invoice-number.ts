/** Why an invoice number could not be formatted. */
export type InvoiceNumberErrorCode = 'INVOICE.INVALID_SEQUENCE' | 'INVOICE.SEQUENCE_OUT_OF_RANGE' | 'INVOICE.INVALID_DATE';

export class InvoiceNumberError extends Error {
  constructor(
    readonly code: InvoiceNumberErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'InvoiceNumberError';
  }
}

export interface InvoiceNumberOptions {
  /** Digits the sequence is zero-padded to; a larger sequence is refused rather than widened. Default 6. */
  width?: number;
  /** IANA time zone whose calendar year goes in the number. Default 'UTC'. */
  timeZone?: string;
}

/**
 * `INV-<YYYY>-<zero-padded sequence>`, e.g. INV-2025-000042. The sequence comes from the gap-free
 * per-year counter in SQL (taken in the same transaction as OrderPaid); this only formats it, so
 * the counter must be keyed by the same year and time zone.
 */
export function formatInvoiceNumber(sequence: number, issuedAt: Date, options: InvoiceNumberOptions = {}): string {
  const { width = 6, timeZone = 'UTC' } = options;
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new InvoiceNumberError('INVOICE.INVALID_SEQUENCE', `Invoice sequence must be a positive integer, got ${sequence}`);
  }
  const digits = String(sequence);
  if (digits.length > width) {
    throw new InvoiceNumberError('INVOICE.SEQUENCE_OUT_OF_RANGE', `Invoice sequence ${sequence} does not fit in ${width} digits`);
  }
  return `INV-${yearOf(issuedAt, timeZone)}-${digits.padStart(width, '0')}`;
}

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than formatting with one. */
const YEAR_FORMATS = new Map<string, Intl.DateTimeFormat>();

function yearOf(date: Date, timeZone: string): string {
  if (Number.isNaN(date.getTime())) {
    throw new InvoiceNumberError('INVOICE.INVALID_DATE', 'Invoice date is not a valid date');
  }
  if (timeZone === 'UTC') return String(date.getUTCFullYear());
  let format = YEAR_FORMATS.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' });
    YEAR_FORMATS.set(timeZone, format);
  }
  return format.format(date);
}
