import { checkAdvance, testClockView } from './test-clock';

const at = (iso: string) => Date.parse(iso) / 1000;
const clock = { id: 'clock_1', name: null, created: at('2026-01-31T09:00:00Z'), frozenTime: at('2026-01-31T09:00:00Z') };
const monthly = { interval: 'month', intervalCount: 1 } as const;
const yearly = { interval: 'year', intervalCount: 1 } as const;

describe('advancing a test clock', () => {
  it('refuses a time that is not after the clock’s own', () => {
    expect(checkAdvance(clock, clock.frozenTime, [monthly])).toEqual({ ok: false, reason: 'not_after' });
    expect(checkAdvance(clock, clock.frozenTime - 1, [monthly])).toEqual({ ok: false, reason: 'not_after' });
  });

  it('allows up to two intervals of the shortest subscription on the clock, counted in calendar months', () => {
    expect(checkAdvance(clock, at('2026-03-31T09:00:00Z'), [yearly, monthly])).toEqual({ ok: true });
    expect(checkAdvance(clock, at('2026-03-31T09:00:01Z'), [yearly, monthly])).toEqual({ ok: false, reason: 'too_far', limit: at('2026-03-31T09:00:00Z') });
    expect(checkAdvance(clock, at('2027-06-01T00:00:00Z'), [yearly])).toEqual({ ok: true });
  });

  it('allows two years on a clock without subscriptions', () => {
    expect(checkAdvance(clock, at('2028-01-31T09:00:00Z'), [])).toEqual({ ok: true });
    expect(checkAdvance(clock, at('2028-02-01T00:00:00Z'), [])).toMatchObject({ ok: false, reason: 'too_far' });
  });

  it('shows the clock as Stripe does, ready, deleted 30 days after its creation', () => {
    expect(testClockView(clock)).toEqual({
      id: 'clock_1', object: 'test_helpers.test_clock', created: clock.created, deletes_after: clock.created + 30 * 86_400,
      frozen_time: clock.frozenTime, livemode: false, name: null, status: 'ready', status_details: {},
    });
  });
});
