import { expandsOf, unknownBesidesExpand } from '../stripe-billing/billing-api.params';
import { ApiResponse, StripeErrors, stripeError } from './stripe-api.errors';
import { Params, ParamsResult, isError, isObject, parseInteger, refuse } from './stripe-params';

/*
 * Stripe's list endpoints: newest first, `limit` (1-100, default 10), a cursor (`starting_after`
 * or `ending_before`, an id of the list), range filters on timestamps (`created[gte]=...`), and the
 * envelope `{object: 'list', data, has_more, url}`. stripe-node's auto-pagination follows
 * `starting_after` with the last id of each page until `has_more` is false.
 */

export const DEFAULT_LIST_LIMIT = 10;
export const MAX_LIST_LIMIT = 100;

/** Which page: at most `limit` items after (or before) the cursor. */
export interface ListWindow {
  readonly limit: number;
  readonly startingAfter: string | null;
  readonly endingBefore: string | null;
}

const RANGE_OPERATORS = ['gt', 'gte', 'lt', 'lte'] as const;
type RangeOperator = (typeof RANGE_OPERATORS)[number];

/** A timestamp filter: `created=<t>` (exactly) or any of `created[gt|gte|lt|lte]=<t>`. */
export type RangeFilter = Partial<Record<RangeOperator | 'eq', number>>;

const EXPAND = /^expand(\[\d*\])?$/;
const cursor = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/**
 * The first parameter a list endpoint does not know: neither `expand`, nor one of `known`, nor a
 * range filter of `ranges` (as `created[gte]`, the way a query string carries it, or `created`).
 */
export function unknownListParam(params: Params, known: readonly string[], ranges: readonly string[] = []): string | undefined {
  const allowed = ['limit', 'starting_after', 'ending_before', ...known, ...ranges];
  return Object.keys(params).find((key) => {
    if (EXPAND.test(key) || allowed.includes(key)) return false;
    const range = /^([a-z_]+)\[([a-z]+)\]$/.exec(key);
    return !(range && ranges.includes(range[1]) && (RANGE_OPERATORS as readonly string[]).includes(range[2]));
  });
}

export function parseListWindow(params: Params): ListWindow | ApiResponse {
  const limit = parseInteger(params.limit, 'limit', { min: 1, max: MAX_LIST_LIMIT });
  if (isError(limit)) return limit;
  const startingAfter = cursor(params.starting_after);
  const endingBefore = cursor(params.ending_before);
  if (startingAfter && endingBefore) {
    return StripeErrors.invalidParam('ending_before', 'You may only specify one of these parameters: ending_before, starting_after.', 'parameter_invalid_empty');
  }
  return { limit: limit ?? DEFAULT_LIST_LIMIT, startingAfter, endingBefore };
}

/** The range filter `name` from flat (`name[gte]`) or nested (`{name: {gte}}`) parameters; undefined when absent. */
export function parseRangeFilter(params: Params, name: string): RangeFilter | undefined | ApiResponse {
  const nested = params[name];
  const flat = Object.fromEntries(RANGE_OPERATORS.map((operator) => [operator, params[`${name}[${operator}]`]]));
  const raw: Record<string, unknown> = isObject(nested) ? nested : { ...flat, eq: nested };
  const filter: Record<string, number> = {};
  for (const [operator, value] of Object.entries(raw)) {
    if (operator !== 'eq' && !(RANGE_OPERATORS as readonly string[]).includes(operator)) return StripeErrors.unknownParam(`${name}[${operator}]`);
    const parsed = parseInteger(value, operator === 'eq' ? name : `${name}[${operator}]`, { min: 0, max: Number.MAX_SAFE_INTEGER });
    if (isError(parsed)) return parsed;
    if (parsed !== undefined) filter[operator] = parsed;
  }
  return Object.keys(filter).length > 0 ? filter : undefined;
}

export function inRange(value: number, filter: RangeFilter | undefined): boolean {
  if (!filter) return true;
  return (filter.eq === undefined || value === filter.eq) && (filter.gt === undefined || value > filter.gt) && (filter.gte === undefined || value >= filter.gte)
    && (filter.lt === undefined || value < filter.lt) && (filter.lte === undefined || value <= filter.lte);
}

/**
 * One page of `items` (newest first) as Stripe's list envelope; a cursor naming no item of the list
 * is refused as Stripe refuses it, with `missing(id, param)`.
 */
export function listPage<T extends { readonly id: string }>(
  items: readonly T[], window: ListWindow, url: string, missing: (id: string, param: string) => ApiResponse,
): ApiResponse {
  const cursorId = window.startingAfter ?? window.endingBefore;
  const at = cursorId === null ? -1 : items.findIndex((item) => item.id === cursorId);
  if (cursorId !== null && at < 0) return missing(cursorId, window.startingAfter ? 'starting_after' : 'ending_before');
  if (window.endingBefore !== null) {
    const before = items.slice(0, at);
    return { status: 200, body: { object: 'list', data: before.slice(-window.limit), has_more: before.length > window.limit, url } };
  }
  const after = items.slice(at + 1);
  return { status: 200, body: { object: 'list', data: after.slice(0, window.limit), has_more: after.length > window.limit, url } };
}

/** Stripe's answer to an `expand[]` the sandbox does not expand; undefined when every one is `allowed`. */
export function unexpandable(params: Params, allowed: readonly string[]): ApiResponse | undefined {
  const path = expandsOf(params).find((expand) => !allowed.includes(expand));
  return path === undefined ? undefined : stripeError(400, { type: 'invalid_request_error', param: 'expand', message: `This property cannot be expanded (${path}).` });
}

/** For calls that take nothing but `expand[]`: Stripe's answer to any other parameter, or to a path not `expandable`. */
export function refuseAllButExpand(params: Params, expandable: readonly string[] = []): ApiResponse | undefined {
  const unknown = unknownBesidesExpand(params);
  return unknown ? StripeErrors.unknownParam(unknown) : unexpandable(params, expandable);
}

/** What a list request asks for besides its own filters: the page, its range filters by name, and the `expand[]` paths. */
export interface ListQuery {
  readonly window: ListWindow;
  readonly ranges: Readonly<Record<string, RangeFilter | undefined>>;
  readonly expand: readonly string[];
}

export interface ListSpec {
  /** The endpoint's own filters (read by the endpoint). */
  readonly known: readonly string[];
  /** Its timestamp filters, read here. */
  readonly ranges?: readonly string[];
  /** What `expand[]` may name. */
  readonly expandable?: readonly string[];
}

/** Checks a list request against `spec` the way Stripe does: unknown parameters, expansions, limit, cursor and ranges. */
export function parseListQuery(params: Params, spec: ListSpec): ParamsResult<ListQuery> {
  const ranges = spec.ranges ?? [];
  const unknown = unknownListParam(params, spec.known, ranges);
  if (unknown) return refuse(StripeErrors.unknownParam(unknown));
  const refused = unexpandable(params, spec.expandable ?? []);
  if (refused) return refuse(refused);
  const window = parseListWindow(params);
  if (isError(window)) return refuse(window);
  const filters: Record<string, RangeFilter | undefined> = {};
  for (const name of ranges) {
    const filter = parseRangeFilter(params, name);
    if (isError(filter)) return refuse(filter);
    filters[name] = filter;
  }
  return { ok: true, params: { window, ranges: filters, expand: expandsOf(params) } };
}
