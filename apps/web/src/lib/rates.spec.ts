import { appendSample, perMinute } from './rates';

describe('counter rates', () => {
  it('turns readings of a counter into per-minute rates', () => {
    expect(perMinute([{ at: 0, value: 0 }, { at: 30_000, value: 2 }, { at: 90_000, value: 5 }])).toEqual([
      { at: 30_000, rate: 4 }, { at: 90_000, rate: 3 },
    ]);
  });

  it('counts a reset counter from zero, and skips readings at the same instant', () => {
    expect(perMinute([{ at: 0, value: 10 }, { at: 0, value: 10 }, { at: 60_000, value: 3 }])).toEqual([{ at: 60_000, rate: 3 }]);
  });

  it('keeps only the newest readings', () => {
    expect(appendSample([1, 2, 3], 4, 3)).toEqual([2, 3, 4]);
  });
});
