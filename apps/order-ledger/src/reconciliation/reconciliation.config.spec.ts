import { reconciliationConfigFrom } from './reconciliation.config';

describe('reconciliation configuration', () => {
  it('runs nightly at 02:00 UTC for both providers, checking every minute, unless told otherwise', () => {
    expect(reconciliationConfigFrom({ NODE_ENV: 'production' })).toEqual({ schedule: { minuteOfDay: 120 }, providers: ['stripe', 'cashfree'], checkEveryMs: 60_000 });
  });

  it('is off in tests unless a schedule is given', () => {
    expect(reconciliationConfigFrom({ NODE_ENV: 'test' }).schedule).toBeNull();
    expect(reconciliationConfigFrom({ NODE_ENV: 'test', RECONCILIATION_SCHEDULE: '03:30' }).schedule).toEqual({ minuteOfDay: 210 });
  });

  it('can be switched off, and narrowed to one provider', () => {
    expect(reconciliationConfigFrom({ NODE_ENV: 'production', RECONCILIATION_SCHEDULE: 'off', RECONCILIATION_PROVIDERS: 'cashfree' })).toMatchObject({ schedule: null, providers: ['cashfree'] });
  });

  it.each([
    [{ RECONCILIATION_SCHEDULE: 'nightly' }, 'RECONCILIATION_SCHEDULE must be HH:MM (UTC) or off, got "nightly"'],
    [{ RECONCILIATION_PROVIDERS: 'stripe,paypal' }, 'RECONCILIATION_PROVIDERS must name stripe and/or cashfree, got "paypal"'],
    [{ RECONCILIATION_SCHEDULE_CHECK_MS: '5' }, 'RECONCILIATION_SCHEDULE_CHECK_MS must be an integer >= 100 <= 3600000, got "5"'],
  ])('refuses %p at start-up, naming the variable', (env, message) => {
    expect(() => reconciliationConfigFrom({ NODE_ENV: 'production', ...env })).toThrow(message);
  });
});
