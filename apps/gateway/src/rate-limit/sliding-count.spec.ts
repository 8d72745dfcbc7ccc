import { slidingCount } from './postgres-throttler.storage';

describe('sliding-window count', () => {
  it.each([
    [5, 0, 0.5, 5],
    [1, 30, 0, 31],
    [1, 30, 0.5, 16],
    [1, 30, 0.99, 2],
    [1, 2, 0.01, 3],
    [0, 3, 2 / 3, 1],
    [2, 30, 1, 2],
    [3, 10, -0.1, 13],
  ])('counts %i now and %i in the previous window at %p of this one as %i', (current, previous, elapsed, expected) => {
    expect(slidingCount(current, previous, elapsed)).toBe(expected);
  });
});
