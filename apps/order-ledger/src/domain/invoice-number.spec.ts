import { formatInvoiceNumber } from './invoice-number';

describe('formatInvoiceNumber', () => {
  it.each<[number, string, object, string]>([
    [1, '2025-03-01T10:00:00Z', {}, 'INV-2025-000001'],
    [42, '2025-12-31T23:59:59Z', {}, 'INV-2025-000042'],
    [999999, '2026-01-01T00:00:00Z', {}, 'INV-2026-999999'],
    [7, '2025-03-01T10:00:00Z', { width: 8 }, 'INV-2025-00000007'],
    // 31 Dec 20:00 UTC is already 1 Jan in India
    [3, '2025-12-31T20:00:00Z', { timeZone: 'Asia/Kolkata' }, 'INV-2026-000003'],
  ])('formats sequence %i issued at %s (%p) as %s', (sequence, issuedAt, options, expected) => {
    expect(formatInvoiceNumber(sequence, new Date(issuedAt), options)).toBe(expected);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses the sequence %p', (sequence) => {
    expect(() => formatInvoiceNumber(sequence, new Date())).toThrow(expect.objectContaining({ code: 'INVOICE.INVALID_SEQUENCE' }));
  });

  it('refuses a sequence wider than the padding instead of breaking the ordering', () => {
    expect(() => formatInvoiceNumber(1_000_000, new Date())).toThrow(expect.objectContaining({ code: 'INVOICE.SEQUENCE_OUT_OF_RANGE' }));
  });

  it('refuses an invalid date', () => {
    expect(() => formatInvoiceNumber(1, new Date('nope'))).toThrow(expect.objectContaining({ code: 'INVOICE.INVALID_DATE' }));
  });
});
