import { routeLabel } from './http-metrics.middleware';

describe('the route label of a request', () => {
  it('is the matched route pattern, not the concrete URL', () => {
    expect(routeLabel({ baseUrl: '', route: { path: '/api/orders/:id' } })).toBe('/api/orders/:id');
  });

  it('is "unmatched" for a request no route took', () => {
    expect(routeLabel({ baseUrl: '' })).toBe('unmatched');
  });
});
