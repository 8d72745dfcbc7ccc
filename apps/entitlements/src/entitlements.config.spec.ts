import { ConfigError } from '@payments/nest-runtime';
import { loadEntitlementsConfig } from './entitlements.config';

describe('the entitlements configuration', () => {
  it('defaults to three days of grace, revoking on a full refund, a sweep a minute, group entitlements', () => {
    expect(loadEntitlementsConfig({})).toMatchObject({
      consumerGroupId: 'entitlements', policy: { graceMs: 3 * 86_400_000, revokeOnFullRefund: true, onDispute: 'suspend-while-open' }, lapsedSweepEveryMs: 60_000,
    });
  });

  it('keeps access after a full refund when told to, with the grace and sweep it is given', () => {
    const config = loadEntitlementsConfig({ ENTITLEMENTS_REVOKE_ON_FULL_REFUND: 'false', ENTITLEMENTS_GRACE_PERIOD_MS: '1000', ENTITLEMENTS_LAPSED_SWEEP_MS: '200' });
    expect(config).toMatchObject({ policy: { graceMs: 1000, revokeOnFullRefund: false }, lapsedSweepEveryMs: 200 });
  });

  it('revokes only when a dispute is lost when told to', () => {
    expect(loadEntitlementsConfig({ ENTITLEMENTS_DISPUTE_POLICY: 'revoke-when-lost' }).policy.onDispute).toBe('revoke-when-lost');
  });

  it.each([
    ['ENTITLEMENTS_REVOKE_ON_FULL_REFUND', 'no'],
    ['ENTITLEMENTS_GRACE_PERIOD_MS', '-1'],
    ['ENTITLEMENTS_LAPSED_SWEEP_MS', '10'],
    ['ENTITLEMENTS_DISPUTE_POLICY', 'suspend'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => loadEntitlementsConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadEntitlementsConfig({ [name]: value })).toThrow(name);
  });
});
