import { dueSlot, parseDailyTime } from './reconciliation-schedule';
import { dayOf, parseProvider, parseSettlementDate, previousDay } from './settlement-day';

const today = new Date('2026-12-02T09:30:00Z');

describe('settlement days', () => {
  it('accepts a calendar day up to today and names the day before', () => {
    expect(parseSettlementDate('2026-12-01', today)).toBe('2026-12-01');
    expect(parseSettlementDate('2026-12-02', today)).toBe('2026-12-02');
    expect(previousDay('2026-03-01')).toBe('2026-02-28');
    expect(dayOf('2026-12-01T23:59:59.999Z')).toBe('2026-12-01');
  });

  it.each(['2026-02-30', '2026-12-1', '12/01/2026', '', undefined, 20261201])('refuses %p with a message saying what a day looks like', (raw) => {
    expect(() => parseSettlementDate(raw, today)).toThrow(expect.objectContaining({ code: 'RECONCILIATION.INVALID_DATE', message: expect.stringContaining('YYYY-MM-DD') }));
  });

  it('refuses a day that has not begun', () => {
    expect(() => parseSettlementDate('2026-12-03', today)).toThrow(expect.objectContaining({ code: 'RECONCILIATION.INVALID_DATE', message: expect.stringContaining('future') }));
  });

  it('knows stripe and cashfree, and names both when given another', () => {
    expect(parseProvider('cashfree')).toBe('cashfree');
    expect(() => parseProvider('paypal')).toThrow(expect.objectContaining({ code: 'RECONCILIATION.INVALID_PROVIDER', message: 'provider must be one of stripe, cashfree, got "paypal"' }));
  });
});

describe('the nightly schedule', () => {
  const twoAm = parseDailyTime('02:00');

  it('reads HH:MM in UTC and nothing else', () => {
    expect(twoAm).toEqual({ minuteOfDay: 120 });
    expect(parseDailyTime('23:59')).toEqual({ minuteOfDay: 1439 });
    for (const bad of ['2:00', '24:00', '02:60', 'nightly']) expect(parseDailyTime(bad)).toBeNull();
  });

  it('is due from its time to the end of the day, for the day before, under one slot name', () => {
    const schedule = twoAm as NonNullable<typeof twoAm>;
    expect(dueSlot(schedule, new Date('2026-12-02T01:59:59Z'))).toBeNull();
    expect(dueSlot(schedule, new Date('2026-12-02T02:00:00Z'))).toEqual({ date: '2026-12-01', slot: 'daily@02:00' });
    expect(dueSlot(schedule, new Date('2026-12-02T23:59:00Z'))).toEqual({ date: '2026-12-01', slot: 'daily@02:00' });
    expect(dueSlot(schedule, new Date('2027-01-01T02:30:00Z'))).toEqual({ date: '2026-12-31', slot: 'daily@02:00' });
  });
});
