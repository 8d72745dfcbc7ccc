import fc from 'fast-check';
import { buildMessage } from './contract';
import { EntitlementAccess, EntitlementAccessMessage, applyEntitlementMessage, decodeEntitlementMessage, hasAccess } from './entitlement-access';
import { ContractViolationError, encodeEnvelope } from './registry';
import { SubscriptionEnded } from './messages/subscription-events.v1';
import { EntitlementGranted } from './messages/entitlement-granted.v1';
import { EntitlementRevoked, EntitlementValidityChanged } from './messages/entitlement-lifecycle.v1';

const ids = { entitlementId: '0b7e2f4c-1d3a-4e5b-8c6d-7f8091a2b3c4', subscriptionId: '5f0c1e2a-8d4b-4c1e-9a7f-0b6d2c3e4f51' };
const who = { entitlementId: ids.entitlementId, userId: 'user-1', productId: 'plan-pro-monthly', kind: 'plan' as const };
const origin = { correlationId: 'lms-test' };
const at = new Date('2026-01-01T00:00:00.000Z');

const granted = buildMessage(EntitlementGranted, {
  key: 'user-1', origin, occurredAt: at,
  payload: { ...who, orderId: ids.subscriptionId, subscriptionId: ids.subscriptionId, validUntil: '2026-02-04T00:00:00.000Z', grantedAt: at.toISOString() },
}) as EntitlementAccessMessage;
const changed = (sequence: number, status: 'active' | 'suspended', validUntil: string) =>
  buildMessage(EntitlementValidityChanged, {
    key: 'user-1', origin, occurredAt: at,
    payload: { ...who, subscriptionId: ids.subscriptionId, status, validUntil, reason: status === 'active' ? 'renewal-paid' : 'past-due-beyond-grace', sequence, changedAt: at.toISOString() },
  }) as EntitlementAccessMessage;
const revoked = buildMessage(EntitlementRevoked, {
  key: 'user-1', origin, occurredAt: at,
  payload: { ...who, orderId: ids.subscriptionId, subscriptionId: ids.subscriptionId, reason: 'subscription-ended', revokedAt: at.toISOString() },
}) as EntitlementAccessMessage;

const apply = (messages: readonly EntitlementAccessMessage[]) => messages.reduce<EntitlementAccess | undefined>(applyEntitlementMessage, undefined);

describe('an LMS applying the entitlement messages', () => {
  const renewed = changed(2, 'active', '2026-03-04T00:00:00.000Z');
  const suspended = changed(3, 'suspended', '2026-03-04T00:00:00.000Z');

  it('follows a grant, its renewals and suspension, and the revoke', () => {
    expect(apply([granted])).toEqual({ ...who, subscriptionId: ids.subscriptionId, status: 'active', validUntil: '2026-02-04T00:00:00.000Z', sequence: 1 });
    expect(apply([granted, renewed])).toMatchObject({ status: 'active', validUntil: '2026-03-04T00:00:00.000Z', sequence: 2 });
    expect(apply([granted, renewed, suspended])).toMatchObject({ status: 'suspended', sequence: 3 });
    expect(apply([granted, renewed, suspended, revoked])).toMatchObject({ status: 'revoked' });
  });

  it('ignores an older change that arrives after a newer one, and a change after the revoke', () => {
    expect(apply([granted, suspended, renewed])).toMatchObject({ status: 'suspended', sequence: 3 });
    expect(apply([granted, revoked, changed(4, 'active', '2026-05-04T00:00:00.000Z')])).toMatchObject({ status: 'revoked' });
  });

  it('a one-time purchase has access with no end', () => {
    const course = buildMessage(EntitlementGranted, {
      key: 'user-1', origin, occurredAt: at, payload: { ...who, productId: 'course-typescript-101', kind: 'course', orderId: ids.subscriptionId, grantedAt: at.toISOString() },
    }) as EntitlementAccessMessage;
    const access = apply([course]);
    expect(access).toMatchObject({ validUntil: null, subscriptionId: null });
    expect(hasAccess(access, new Date('2099-01-01T00:00:00.000Z'))).toBe(true);
  });

  it('gives access while active and within the validity only', () => {
    const access = apply([granted]);
    expect(hasAccess(access, new Date('2026-02-03T23:59:59.000Z'))).toBe(true);
    expect(hasAccess(access, new Date('2026-02-04T00:00:00.000Z'))).toBe(false);
    expect(hasAccess(apply([granted, suspended]), new Date('2026-01-02T00:00:00.000Z'))).toBe(false);
    expect(hasAccess(undefined, at)).toBe(false);
  });

  it('ends with the same access whatever order the three topics deliver in, and however often', () => {
    const messages = [granted, renewed, suspended, changed(4, 'active', '2026-04-04T00:00:00.000Z'), revoked];
    for (const upTo of [1, 2, 3, 4, 5]) {
      const given = messages.slice(0, upTo);
      const inOrder = apply(given);
      fc.assert(
        fc.property(fc.shuffledSubarray(given, { minLength: given.length }), fc.array(fc.nat({ max: given.length - 1 }), { maxLength: 4 }), (shuffled, repeats) => {
          expect(apply([...shuffled, ...repeats.map((i) => given[i])])).toEqual(inOrder);
        }),
        { numRuns: 200 },
      );
    }
  });

  it('takes only the three entitlement messages, valid against their schemas', () => {
    expect(decodeEntitlementMessage(encodeEnvelope(revoked))).toEqual(revoked);
    const unknownReason = { ...revoked, payload: { ...revoked.payload, reason: 'because' } };
    expect(() => decodeEntitlementMessage(JSON.stringify(unknownReason))).toThrow(ContractViolationError);
    expect(() => decodeEntitlementMessage('{"not":"an envelope"}')).toThrow(ContractViolationError);
    const otherType = buildMessage(SubscriptionEnded, {
      key: ids.subscriptionId, origin, occurredAt: at, payload: { subscriptionId: ids.subscriptionId, userId: 'user-1', planId: 'plan-pro-monthly', reason: 'canceled', endedAt: at.toISOString() },
    });
    expect(() => decodeEntitlementMessage(encodeEnvelope(otherType))).toThrow('SubscriptionEnded is not an entitlement message');
  });
});
