import { CashfreeErrors } from '../cashfree/cashfree-api.errors';
import { FieldError, ParamsResult, isObject, parse } from '../cashfree/cashfree-order.params';

/** Cashfree's page sizes: 10 unless asked, at most 1000. */
export const DEFAULT_PAGE_LIMIT = 10;
export const MAX_PAGE_LIMIT = 1000;

export interface SettlementFilters {
  readonly cfSettlementIds: readonly string[] | null;
  readonly settlementUtrs: readonly string[] | null;
  readonly from: Date | null;
  readonly to: Date | null;
}

export interface SettlementQuery {
  readonly limit: number;
  /** Where this page starts, from the cursor of the last one. */
  readonly offset: number;
  readonly filters: SettlementFilters;
}

const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The cursor of the page that starts at `offset`: opaque base64 JSON, as Cashfree's are. */
export const cursorAt = (offset: number): string => Buffer.from(JSON.stringify({ searchAfter: offset })).toString('base64');

function offsetOf(cursor: unknown): number {
  if (cursor === undefined || cursor === null || cursor === '') return 0;
  let offset: unknown;
  try {
    offset = typeof cursor === 'string' ? (JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { searchAfter?: unknown }).searchAfter : undefined;
  } catch {
    offset = undefined;
  }
  if (!Number.isSafeInteger(offset) || (offset as number) < 0) throw new FieldError(CashfreeErrors.invalidField('pagination.cursor', 'is not a cursor this API gave'));
  return offset as number;
}

function limitOf(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_PAGE_LIMIT;
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_PAGE_LIMIT) {
    throw new FieldError(CashfreeErrors.invalidField('pagination.limit', `should be an integer from 1 to ${MAX_PAGE_LIMIT}`));
  }
  return value as number;
}

function idList(filters: Record<string, unknown>, field: string, pattern: RegExp): string[] | null {
  const value = filters[field];
  if (value === undefined || value === null) return null;
  const items = Array.isArray(value) ? value.map((item) => (typeof item === 'number' && Number.isSafeInteger(item) ? String(item) : item)) : null;
  if (!items || items.length === 0 || items.length > MAX_PAGE_LIMIT || !items.every((item) => typeof item === 'string' && pattern.test(item))) {
    throw new FieldError(CashfreeErrors.invalidField(`filters.${field}`, `should be a list of 1 to ${MAX_PAGE_LIMIT} ids`));
  }
  return items as string[];
}

/** A plain date is its UTC day's first moment (start) or last (end); a time must carry its zone. */
function dateOf(filters: Record<string, unknown>, field: 'start_date' | 'end_date'): Date | null {
  const value = filters[field];
  if (value === undefined || value === null || value === '') return null;
  const text = typeof value === 'string' ? value : '';
  const iso = PLAIN_DATE.test(text) ? `${text}T${field === 'start_date' ? '00:00:00.000' : '23:59:59.999'}Z` : ZONED_TIME.test(text) ? text : null;
  const at = iso === null ? Number.NaN : Date.parse(iso);
  if (Number.isNaN(at) || (PLAIN_DATE.test(text) && new Date(at).toISOString().slice(0, 10) !== text)) {
    throw new FieldError(CashfreeErrors.invalidField(`filters.${field}`, 'should be a date (2024-11-22) or a time with its zone (2024-11-22T00:00:00Z)'));
  }
  return new Date(at);
}

function filtersOf(body: Record<string, unknown>): SettlementFilters {
  if (body.filters === undefined || body.filters === null) throw new FieldError(CashfreeErrors.missingField('filters'));
  if (!isObject(body.filters)) throw new FieldError(CashfreeErrors.invalidField('filters'));
  const cfSettlementIds = idList(body.filters, 'cf_settlement_ids', /^\d{1,19}$/);
  const settlementUtrs = idList(body.filters, 'settlement_utrs', /^[A-Za-z0-9]{1,40}$/);
  const from = dateOf(body.filters, 'start_date');
  const to = dateOf(body.filters, 'end_date');
  if (!cfSettlementIds && !settlementUtrs) {
    if (!from) throw new FieldError(CashfreeErrors.missingField('filters.start_date'));
    if (!to) throw new FieldError(CashfreeErrors.missingField('filters.end_date'));
  }
  if (from && to && to < from) throw new FieldError(CashfreeErrors.invalidField('filters.end_date', 'should not be before start_date'));
  return { cfSettlementIds, settlementUtrs, from, to };
}

/**
 * `POST /settlements` and `POST /settlement/recon`: `{pagination: {limit, cursor}, filters:
 * {cf_settlement_ids?, settlement_utrs?, start_date, end_date}}`; the dates are needed unless ids or
 * UTRs are given, and bound the settlement date.
 */
export function parseSettlementQuery(body: unknown): ParamsResult<SettlementQuery> {
  return parse(body, (fields) => {
    const pagination = fields.pagination === undefined || fields.pagination === null ? {} : fields.pagination;
    if (!isObject(pagination)) throw new FieldError(CashfreeErrors.invalidField('pagination'));
    return { limit: limitOf(pagination.limit), offset: offsetOf(pagination.cursor), filters: filtersOf(fields) };
  });
}

/** One page of `items` for `query`, with the cursor of the next page, or null on the last. */
export function pageOf<T>(items: readonly T[], query: SettlementQuery): { cursor: string | null; limit: number; data: T[] } {
  const data = items.slice(query.offset, query.offset + query.limit);
  const next = query.offset + data.length;
  return { cursor: next < items.length ? cursorAt(next) : null, limit: query.limit, data };
}
