import { cursorAt, pageOf, parseSettlementQuery } from './cashfree-settlement-query.params';

const day = { start_date: '2024-11-22T00:00:00Z', end_date: '2024-11-22T23:59:59Z' };
const errorOf = (body: unknown) => {
  const parsed = parseSettlementQuery(body);
  return parsed.ok ? undefined : parsed.error;
};

describe('the body of Cashfree’s settlement and recon listings', () => {
  it('reads the day’s bounds and a page size, starting at the first page without a cursor', () => {
    expect(parseSettlementQuery({ pagination: { limit: 50, cursor: null }, filters: day })).toEqual({
      ok: true,
      params: { limit: 50, offset: 0, filters: { cfSettlementIds: null, settlementUtrs: null, from: new Date('2024-11-22T00:00:00Z'), to: new Date('2024-11-22T23:59:59Z') } },
    });
  });

  it('pages ten at a time unless asked, and reads a plain date as its whole UTC day', () => {
    expect(parseSettlementQuery({ filters: { start_date: '2024-11-22', end_date: '2024-11-22' } })).toMatchObject({
      params: { limit: 10, filters: { from: new Date('2024-11-22T00:00:00.000Z'), to: new Date('2024-11-22T23:59:59.999Z') } },
    });
  });

  it('needs no dates when settlement ids or UTRs are given, and reads ids sent as numbers', () => {
    expect(parseSettlementQuery({ pagination: { limit: 1 }, filters: { cf_settlement_ids: [6121001, '6121002'] } })).toMatchObject({
      params: { filters: { cfSettlementIds: ['6121001', '6121002'], from: null, to: null } },
    });
    expect(parseSettlementQuery({ filters: { settlement_utrs: ['N000006121001'] } })).toMatchObject({ ok: true });
  });

  it('continues from the cursor of the page before', () => {
    expect(parseSettlementQuery({ pagination: { limit: 2, cursor: cursorAt(4) }, filters: day })).toMatchObject({ params: { offset: 4 } });
  });

  it.each([
    ['no filters', { pagination: { limit: 10 } }, 'filters_missing'],
    ['no start date and no ids', { filters: { end_date: day.end_date } }, 'filters.start_date_missing'],
    ['no end date and no ids', { filters: { start_date: day.start_date } }, 'filters.end_date_missing'],
    ['an end before the start', { filters: { start_date: day.end_date, end_date: day.start_date } }, 'filters.end_date_invalid'],
    ['a time without its zone', { filters: { ...day, start_date: '2024-11-22T00:00:00' } }, 'filters.start_date_invalid'],
    ['a day that does not exist', { filters: { ...day, start_date: '2024-02-30' } }, 'filters.start_date_invalid'],
    ['a limit over 1000', { pagination: { limit: 1001 }, filters: day }, 'pagination.limit_invalid'],
    ['a limit of 0', { pagination: { limit: 0 }, filters: day }, 'pagination.limit_invalid'],
    ['a cursor this API did not give', { pagination: { limit: 10, cursor: 'not-a-cursor' }, filters: day }, 'pagination.cursor_invalid'],
    ['an empty id list', { filters: { cf_settlement_ids: [] } }, 'filters.cf_settlement_ids_invalid'],
    ['an id that is no number', { filters: { cf_settlement_ids: ['abc'] } }, 'filters.cf_settlement_ids_invalid'],
  ])('refuses %s with a Cashfree-shaped 400', (_label, body, code) => {
    expect(errorOf(body)).toMatchObject({ status: 400, body: { code, type: 'invalid_request_error', message: expect.stringMatching(/ : /) } });
  });

  it('pages through items, with a cursor until the last page', () => {
    const query = (offset: number) => ({ limit: 2, offset, filters: { cfSettlementIds: null, settlementUtrs: null, from: null, to: null } });
    expect(pageOf([1, 2, 3, 4, 5], query(0))).toEqual({ cursor: cursorAt(2), limit: 2, data: [1, 2] });
    expect(pageOf([1, 2, 3, 4, 5], query(4))).toEqual({ cursor: null, limit: 2, data: [5] });
    expect(pageOf([1, 2], query(0))).toEqual({ cursor: null, limit: 2, data: [1, 2] });
  });
});
