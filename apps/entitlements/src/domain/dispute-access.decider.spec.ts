import { DisputePolicy, Entitlement, EntitlementStatus } from './entitlement';
import { DisputeFact, TRANSITIONS, decideOnDispute } from './dispute-access.decider';
import { grantForPaidOrder } from './order-access.decider';
import { contextAt } from './subscription-access.test-fixtures';

const NOW = '2026-02-01T10:00:00.000Z';
const ORDER_ID = '3b8f6a0e-2c4d-4e9b-8f1a-6d5c4b3a2e10';
const granted = () => grantForPaidOrder({ userId: 'user-1', productId: 'course-typescript-101', kind: 'course', orderId: ORDER_ID }, contextAt(NOW)).entitlement;
const accessIn = (status: EntitlementStatus): Entitlement => ({ ...granted(), status, sequence: 2 });
const opened: DisputeFact = { stage: 'opened', otherOpenDisputes: 0 };
const won: DisputeFact = { stage: 'won', otherOpenDisputes: 0 };
const lost: DisputeFact = { stage: 'lost', otherOpenDisputes: 0 };
const ctx = (policy: DisputePolicy) => contextAt(NOW, true, policy);
const after = (current: Entitlement, facts: DisputeFact[], policy: DisputePolicy) =>
  facts.reduce((entitlement, fact) => decideOnDispute(entitlement, fact, ctx(policy)).entitlement ?? entitlement, current);

type Outcome = [EntitlementStatus, string | null] | 'unchanged';

/** Every stage against every status, under both policies: the status after and the reason told, or unchanged. */
const MATRIX: [DisputePolicy, DisputeFact, EntitlementStatus, Outcome][] = [
  ['suspend-while-open', opened, 'active', ['suspended', 'dispute-opened']],
  ['suspend-while-open', opened, 'suspended', 'unchanged'],
  ['suspend-while-open', opened, 'revoked', 'unchanged'],
  ['suspend-while-open', won, 'active', 'unchanged'],
  ['suspend-while-open', won, 'suspended', ['active', 'dispute-won']],
  ['suspend-while-open', won, 'revoked', 'unchanged'],
  ['suspend-while-open', lost, 'active', ['revoked', 'dispute-lost']],
  ['suspend-while-open', lost, 'suspended', ['revoked', 'dispute-lost']],
  ['suspend-while-open', lost, 'revoked', 'unchanged'],
  ['revoke-when-lost', opened, 'active', 'unchanged'],
  ['revoke-when-lost', opened, 'suspended', 'unchanged'],
  ['revoke-when-lost', opened, 'revoked', 'unchanged'],
  ['revoke-when-lost', won, 'active', 'unchanged'],
  ['revoke-when-lost', won, 'suspended', ['active', 'dispute-won']],
  ['revoke-when-lost', won, 'revoked', 'unchanged'],
  ['revoke-when-lost', lost, 'active', ['revoked', 'dispute-lost']],
  ['revoke-when-lost', lost, 'suspended', ['revoked', 'dispute-lost']],
  ['revoke-when-lost', lost, 'revoked', 'unchanged'],
];

describe('order access under a dispute: every stage in every status, by policy', () => {
  it.each(MATRIX)('%s: a dispute %o on %s access', (policy, fact, status, outcome) => {
    const current = accessIn(status);
    const decision = decideOnDispute(current, fact, ctx(policy));
    if (outcome === 'unchanged') {
      expect(decision).toEqual({ entitlement: current });
      return;
    }
    const [to, reason] = outcome;
    expect(decision.entitlement).toMatchObject({ status: to, sequence: 3 });
    expect(decision.change).toMatchObject({ sequence: 3, reason });
    expect(decision.message?.type).toBe(to === 'revoked' ? 'EntitlementRevoked' : 'EntitlementValidityChanged');
  });

  it('allows exactly active <-> suspended and either -> revoked, and nothing out of revoked', () => {
    expect(TRANSITIONS).toEqual({ active: ['suspended', 'revoked'], suspended: ['active', 'revoked'], revoked: [] });
  });
});

describe('what the LMS is told', () => {
  it('a suspension names the order, no subscription and no end, with the sequence after the grant', () => {
    const { message } = decideOnDispute(granted(), opened, ctx('suspend-while-open'));
    expect(message).toEqual({
      type: 'EntitlementValidityChanged',
      payload: {
        entitlementId: granted().entitlementId, userId: 'user-1', productId: 'course-typescript-101', kind: 'course', orderId: ORDER_ID,
        status: 'suspended', reason: 'dispute-opened', sequence: 2, changedAt: NOW,
      },
    });
  });

  it('a lost dispute revokes with reason dispute-lost, and a win after it changes nothing', () => {
    const revoked = after(granted(), [opened, lost], 'suspend-while-open');
    expect(revoked).toMatchObject({ status: 'revoked', sequence: 3 });
    expect(decideOnDispute(revoked, won, ctx('suspend-while-open'))).toEqual({ entitlement: revoked });
  });

  it('stays suspended while another dispute of the order is still open', () => {
    const suspended = after(granted(), [opened], 'suspend-while-open');
    expect(decideOnDispute(suspended, { stage: 'won', otherOpenDisputes: 1 }, ctx('suspend-while-open'))).toEqual({ entitlement: suspended });
  });

  it('under revoke-when-lost, access stays through the dispute and a win tells nobody anything', () => {
    expect(after(granted(), [opened, won], 'revoke-when-lost')).toEqual(granted());
  });

  it("refuses a dispute fact about a subscription's entitlement", () => {
    expect(() => decideOnDispute({ ...granted(), subscriptionId: ORDER_ID }, opened, ctx('suspend-while-open'))).toThrow(
      expect.objectContaining({ code: 'ENTITLEMENT.NOT_AN_ORDER' }),
    );
  });
});
