import { addMonths, compareRecurrence, periodOf, twoIntervalsAfter } from './billing-period';

const at = (iso: string) => Date.parse(iso) / 1000;
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

describe('billing periods', () => {
  it.each([
    ['2026-01-15T10:30:00Z', 1, '2026-02-15T10:30:00.000Z'],
    ['2026-01-31T08:00:00Z', 1, '2026-02-28T08:00:00.000Z'],
    ['2028-01-31T08:00:00Z', 1, '2028-02-29T08:00:00.000Z'],
    ['2026-01-31T08:00:00Z', 2, '2026-03-31T08:00:00.000Z'],
    ['2026-01-31T08:00:00Z', 3, '2026-04-30T08:00:00.000Z'],
    ['2026-11-30T23:59:59Z', 3, '2027-02-28T23:59:59.000Z'],
    ['2026-12-31T00:00:00Z', 1, '2027-01-31T00:00:00.000Z'],
    ['2028-02-29T12:00:00Z', 12, '2029-02-28T12:00:00.000Z'],
  ])('adds calendar months to %s: + %i months is %s, shortened to the month’s last day when needed', (from, months, expected) => {
    expect(iso(addMonths(at(from), months))).toBe(expected);
  });

  it('counts every monthly period from the anchor, so a period after February ends on the 31st again', () => {
    const anchor = at('2026-01-31T08:00:00Z');
    const monthly = { interval: 'month', intervalCount: 1 } as const;
    expect([0, 1, 2].map((cycle) => periodOf(anchor, monthly, cycle)).map(({ start, end }) => [iso(start), iso(end)])).toEqual([
      ['2026-01-31T08:00:00.000Z', '2026-02-28T08:00:00.000Z'],
      ['2026-02-28T08:00:00.000Z', '2026-03-31T08:00:00.000Z'],
      ['2026-03-31T08:00:00.000Z', '2026-04-30T08:00:00.000Z'],
    ]);
  });

  it('bills a yearly plan anchored on 29 February on 28 February of common years and on the 29th of leap years', () => {
    const anchor = at('2028-02-29T00:00:00Z');
    const yearly = { interval: 'year', intervalCount: 1 } as const;
    expect(iso(periodOf(anchor, yearly, 0).end)).toBe('2029-02-28T00:00:00.000Z');
    expect(iso(periodOf(anchor, yearly, 3).end)).toBe('2032-02-29T00:00:00.000Z');
  });

  it('bills every interval_count months: a quarterly period', () => {
    expect(iso(periodOf(at('2026-01-10T00:00:00Z'), { interval: 'month', intervalCount: 3 }, 1).end)).toBe('2026-07-10T00:00:00.000Z');
  });

  it('lets a test clock move two intervals of the subscription, and orders monthly before yearly', () => {
    expect(iso(twoIntervalsAfter(at('2026-01-31T00:00:00Z'), { interval: 'month', intervalCount: 1 }))).toBe('2026-03-31T00:00:00.000Z');
    expect(iso(twoIntervalsAfter(at('2026-01-31T00:00:00Z'), { interval: 'year', intervalCount: 1 }))).toBe('2028-01-31T00:00:00.000Z');
    expect(compareRecurrence({ interval: 'month', intervalCount: 1 }, { interval: 'year', intervalCount: 1 })).toBeLessThan(0);
  });
});
