import { routeLabelOf } from './route-label';

describe('the route label of a request', () => {
  it('is the route pattern, not the URL with its ids', () => {
    expect(routeLabelOf({ baseUrl: '', route: { path: '/api/orders/:id' } })).toBe('/api/orders/:id');
  });

  it('includes the mount path of a sub-router and drops a trailing slash', () => {
    expect(routeLabelOf({ baseUrl: '/api', route: { path: '/orders/' } })).toBe('/api/orders');
    expect(routeLabelOf({ baseUrl: '', route: { path: '/' } })).toBe('/');
  });

  it("is 'unmatched' for a request no route took (so unknown URLs cannot grow the label set)", () => {
    expect(routeLabelOf({ baseUrl: '' })).toBe('unmatched');
    expect(routeLabelOf({ route: { path: /regex/ } })).toBe('unmatched');
  });
});
