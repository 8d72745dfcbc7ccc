import { StripeErrors } from './stripe-api.errors';
import { ListWindow, inRange, listPage, parseListWindow, parseRangeFilter, unknownListParam } from './stripe-list';

const items = ['o_5', 'o_4', 'o_3', 'o_2', 'o_1'].map((id) => ({ id }));
const page = (window: Partial<ListWindow>) =>
  listPage(items, { limit: 2, startingAfter: null, endingBefore: null, ...window }, '/v1/things', (id, param) => StripeErrors.invalidParam(param, `No such thing: '${id}'`));
const ids = (answer: ReturnType<typeof page>) => (answer.body as { data: { id: string }[] }).data.map((item) => item.id);

describe('a Stripe list page', () => {
  it('starts with the newest items and says there are more', () => {
    expect(page({}).body).toEqual({ object: 'list', data: [{ id: 'o_5' }, { id: 'o_4' }], has_more: true, url: '/v1/things' });
  });

  it('continues after the starting_after id, and says when the last page is reached', () => {
    expect(ids(page({ startingAfter: 'o_4' }))).toEqual(['o_3', 'o_2']);
    expect(page({ startingAfter: 'o_2' }).body).toMatchObject({ data: [{ id: 'o_1' }], has_more: false });
  });

  it('goes backwards from an ending_before id', () => {
    expect(ids(page({ endingBefore: 'o_1' }))).toEqual(['o_3', 'o_2']);
    expect(page({ endingBefore: 'o_4' }).body).toMatchObject({ data: [{ id: 'o_5' }], has_more: false });
  });

  it('refuses a cursor that names no item of the list', () => {
    expect(page({ startingAfter: 'o_9' })).toMatchObject({ status: 400, body: { error: { param: 'starting_after', message: "No such thing: 'o_9'" } } });
  });
});

describe('list parameters', () => {
  it('default to 10 items and refuse a limit outside 1 to 100', () => {
    expect(parseListWindow({})).toEqual({ limit: 10, startingAfter: null, endingBefore: null });
    expect(parseListWindow({ limit: '100', starting_after: 'o_1' })).toEqual({ limit: 100, startingAfter: 'o_1', endingBefore: null });
    expect(parseListWindow({ limit: '0' })).toMatchObject({ status: 400, body: { error: { param: 'limit' } } });
    expect(parseListWindow({ limit: '101' })).toMatchObject({ status: 400, body: { error: { param: 'limit' } } });
    expect(parseListWindow({ starting_after: 'a', ending_before: 'b' })).toMatchObject({ status: 400, body: { error: { param: 'ending_before' } } });
  });

  it('read a range filter from a query string’s flat keys or a nested object, and an exact value', () => {
    expect(parseRangeFilter({ 'created[gte]': '100', 'created[lt]': '200' }, 'created')).toEqual({ gte: 100, lt: 200 });
    expect(parseRangeFilter({ created: { gt: '5' } }, 'created')).toEqual({ gt: 5 });
    expect(parseRangeFilter({ created: '7' }, 'created')).toEqual({ eq: 7 });
    expect(parseRangeFilter({}, 'created')).toBeUndefined();
    expect(parseRangeFilter({ 'created[gte]': 'soon' }, 'created')).toMatchObject({ body: { error: { code: 'parameter_invalid_integer', param: 'created[gte]' } } });
    expect(parseRangeFilter({ created: { after: '5' } }, 'created')).toMatchObject({ body: { error: { code: 'parameter_unknown', param: 'created[after]' } } });
  });

  it('keep what a range filter allows', () => {
    expect([99, 100, 199, 200].filter((value) => inRange(value, { gte: 100, lt: 200 }))).toEqual([100, 199]);
    expect([4, 5, 6].filter((value) => inRange(value, { gt: 4, lte: 5 }))).toEqual([5]);
    expect(inRange(7, { eq: 7 }) && !inRange(8, { eq: 7 }) && inRange(1, undefined)).toBe(true);
  });

  it('name the first parameter an endpoint does not know', () => {
    const known = ['status'];
    expect(unknownListParam({ 'arrival_date[gte]': '1', status: 'paid', limit: '3', 'expand[0]': 'data.source' }, known, ['arrival_date'])).toBeUndefined();
    expect(unknownListParam({ 'arrival_date[since]': '1' }, known, ['arrival_date'])).toBe('arrival_date[since]');
    expect(unknownListParam({ colour: 'red' }, known)).toBe('colour');
  });
});
