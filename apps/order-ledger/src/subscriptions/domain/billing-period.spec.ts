import { periodEnd } from './billing-period';

describe('periodEnd', () => {
  const at = (iso: string) => new Date(iso);

  it('adds a calendar month at the same time of day', () => {
    expect(periodEnd(at('2026-03-15T10:20:30.000Z'), 'month').toISOString()).toBe('2026-04-15T10:20:30.000Z');
  });

  it('crosses the year end', () => {
    expect(periodEnd(at('2026-12-02T00:00:00.000Z'), 'month').toISOString()).toBe('2027-01-02T00:00:00.000Z');
  });

  it('clamps a month-end start to the shorter month', () => {
    expect(periodEnd(at('2026-01-31T08:00:00.000Z'), 'month').toISOString()).toBe('2026-02-28T08:00:00.000Z');
    expect(periodEnd(at('2028-01-31T08:00:00.000Z'), 'month').toISOString()).toBe('2028-02-29T08:00:00.000Z');
    expect(periodEnd(at('2026-08-31T08:00:00.000Z'), 'month').toISOString()).toBe('2026-09-30T08:00:00.000Z');
  });

  it('adds a year, 29 February ending on 28 February', () => {
    expect(periodEnd(at('2026-05-10T00:00:00.000Z'), 'year').toISOString()).toBe('2027-05-10T00:00:00.000Z');
    expect(periodEnd(at('2028-02-29T12:00:00.000Z'), 'year').toISOString()).toBe('2029-02-28T12:00:00.000Z');
  });

  it('refuses an invalid date', () => {
    expect(() => periodEnd(new Date('nope'), 'month')).toThrow(RangeError);
  });
});
