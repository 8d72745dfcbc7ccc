import { Topics } from '@payments/contracts';
import { METRICS, ServiceMetrics } from '@payments/observability';
import { eventually } from '@payments/testing';
import { LapsedAccessSweeper } from './access/lapsed-access.sweeper';
import { EntitlementsUnderTest, newSubscription, periodPaid, startEntitlements, subscriptionEnded } from './entitlements-app.fixture';

const GRACE_MS = 2_000;
const DAY_MS = 86_400_000;
/** Period ends far enough ahead that the sweeper never touches these subscriptions. */
const FAR = Date.parse('2030-01-01T00:00:00.000Z');
const periodEnd = (n: number) => new Date(FAR + n * 30 * DAY_MS);
const validUntil = (n: number) => new Date(periodEnd(n).getTime() + GRACE_MS).toISOString();
const summary = (messages: { type: string; payload: unknown }[]) =>
  messages.map((m) => {
    const p = m.payload as { status?: string; validUntil?: string; reason?: string };
    return [m.type, p.status ?? null, p.validUntil ?? null, p.reason ?? null];
  });

describe('subscription access: granted by the first paid period, extended by renewals, suspended past the grace, revoked at the end', () => {
  let service: EntitlementsUnderTest;

  beforeAll(async () => {
    service = await startEntitlements({ ENTITLEMENTS_GRACE_PERIOD_MS: String(GRACE_MS), ENTITLEMENTS_LAPSED_SWEEP_MS: '200' });
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('in order: one grant, one extension per renewal, one revoke; a period paid after the end grants nothing', async () => {
    const sub = newSubscription();
    await service.deliver(Topics.subscriptionsEvents, [periodPaid(sub, 1, periodEnd(1))]);
    await service.deliver(Topics.subscriptionsEvents, [periodPaid(sub, 2, periodEnd(2))]);
    await service.deliver(Topics.subscriptionsEvents, [subscriptionEnded(sub)]);
    await service.deliver(Topics.subscriptionsEvents, [periodPaid(sub, 3, periodEnd(3))]);

    const published = await service.published(sub.subscriptionId);
    expect(summary(published)).toEqual([
      ['EntitlementGranted', null, validUntil(1), null],
      ['EntitlementValidityChanged', 'active', validUntil(2), 'renewal-paid'],
      ['EntitlementRevoked', null, null, 'subscription-ended'],
    ]);
    expect(published.every((m) => m.key === sub.userId)).toBe(true);
    expect(published[0].payload).toMatchObject({ orderId: sub.subscriptionId, subscriptionId: sub.subscriptionId, productId: sub.planId, kind: 'plan' });
    expect(published[1].payload).toMatchObject({ sequence: 2 });
    const [row] = await service.entitlements(sub.subscriptionId);
    expect([row.status, row.valid_until?.toISOString()]).toEqual(['revoked', validUntil(3)]);
    expect(await service.changes(row.entitlement_id)).toEqual([
      [1, 'granted', 'period-paid'], [2, 'extended', 'renewal-paid'], [3, 'revoked', 'subscription-ended'], [4, 'extended', 'paid-after-end'],
    ]);
  });

  it('a renewal that overtakes the first period grants once with the later validity; the first then changes nothing', async () => {
    const sub = newSubscription();
    const first = periodPaid(sub, 1, periodEnd(1));
    await service.deliver(Topics.subscriptionsEvents, [periodPaid(sub, 2, periodEnd(2))]);
    await service.deliver(Topics.subscriptionsEvents, [first, first]);
    expect(summary(await service.published(sub.subscriptionId))).toEqual([['EntitlementGranted', null, validUntil(2), null]]);
  });

  it('an end that overtakes the last paid period revokes once and is final', async () => {
    const sub = newSubscription();
    await service.deliver(Topics.subscriptionsEvents, [periodPaid(sub, 1, periodEnd(1))]);
    const ended = subscriptionEnded(sub);
    await service.deliver(Topics.subscriptionsEvents, [ended, ended]);
    await service.deliver(Topics.subscriptionsEvents, [periodPaid(sub, 2, periodEnd(2))]);
    expect(summary(await service.published(sub.subscriptionId))).toEqual([
      ['EntitlementGranted', null, validUntil(1), null], ['EntitlementRevoked', null, null, 'subscription-ended'],
    ]);
    const [row] = await service.entitlements(sub.subscriptionId);
    expect([row.status, row.valid_until?.toISOString()]).toEqual(['revoked', validUntil(2)]);
  });

  it('an end that overtakes every paid period tells the LMS nothing, and no later period grants', async () => {
    const sub = newSubscription();
    await service.deliver(Topics.subscriptionsEvents, [subscriptionEnded(sub)]);
    await service.deliver(Topics.subscriptionsEvents, [periodPaid(sub, 1, periodEnd(1)), periodPaid(sub, 2, periodEnd(2))]);
    expect(await service.published(sub.subscriptionId)).toEqual([]);
    const [row] = await service.entitlements(sub.subscriptionId);
    expect([row.status, row.granted_at, row.valid_until?.toISOString()]).toEqual(['revoked', null, validUntil(2)]);
  });

  it('the sweeper suspends access whose validity passed unpaid; the late payment reinstates it', async () => {
    const sub = newSubscription();
    // Paid to now: access runs out when the grace does, and the sweeper (every 200 ms) sees it.
    await service.deliver(Topics.subscriptionsEvents, [periodPaid(sub, 1, new Date())]);
    await eventually(async () => ((await service.entitlements(sub.subscriptionId))[0]?.status === 'suspended' ? true : undefined), 30_000, 'the access suspended');
    await service.deliver(Topics.subscriptionsEvents, [periodPaid(sub, 2, periodEnd(2))]);

    expect(summary(await service.published(sub.subscriptionId)).map(([type, status, , reason]) => [type, status, reason])).toEqual([
      ['EntitlementGranted', null, null],
      ['EntitlementValidityChanged', 'suspended', 'past-due-beyond-grace'],
      ['EntitlementValidityChanged', 'active', 'payment-recovered'],
    ]);
    const [row] = await service.entitlements(sub.subscriptionId);
    expect([row.status, row.valid_until?.toISOString(), row.sequence]).toEqual(['active', validUntil(2), 3]);
  });

  it('sweepers running at once (as replicas do) suspend each lapsed entitlement exactly once', async () => {
    const subs = Array.from({ length: 12 }, newSubscription);
    const lapsedAt = new Date(Date.now() - 60_000 - GRACE_MS);
    await service.deliver(Topics.subscriptionsEvents, subs.map((sub) => periodPaid(sub, 1, lapsedAt)));
    const sweeper = service.app.get(LapsedAccessSweeper);
    await Promise.all([sweeper.sweep(), sweeper.sweep(), sweeper.sweep(), sweeper.sweep()]);

    for (const sub of subs) {
      await eventually(async () => ((await service.entitlements(sub.subscriptionId))[0]?.status === 'suspended' ? true : undefined), 30_000, 'every access suspended');
      const published = await service.published(sub.subscriptionId);
      expect(published.map((m) => m.type)).toEqual(['EntitlementGranted', 'EntitlementValidityChanged']);
      const [row] = await service.entitlements(sub.subscriptionId);
      expect((await service.changes(row.entitlement_id)).map(([, change]) => change)).toEqual(['granted', 'suspended']);
    }
  });

  it('counts on /metrics what it told the LMS: grants, extensions, suspensions and revocations', async () => {
    const { rows } = await service.db.query<{ type: string; reason: string | null; n: number }>(
      `SELECT payload->>'type' AS type, payload->'payload'->>'reason' AS reason, count(*)::int AS n FROM entitlements.outbox GROUP BY 1, 2`,
    );
    const enqueued = (type: string, reasons: (string | null)[]) => rows.filter((row) => row.type === type && reasons.includes(row.reason)).reduce((sum, row) => sum + row.n, 0);
    const { registry } = service.app.get<ServiceMetrics>(METRICS);
    const counted = async (name: string) => (await registry.getSingleMetric(name)?.get())?.values.reduce((sum, value) => sum + value.value, 0) ?? 0;
    expect(enqueued('EntitlementGranted', [null])).toBeGreaterThan(0);
    expect(await counted('payments_entitlements_granted_total')).toBe(enqueued('EntitlementGranted', [null]));
    expect(await counted('payments_entitlements_extended_total')).toBe(enqueued('EntitlementValidityChanged', ['renewal-paid', 'payment-recovered']));
    expect(await counted('payments_entitlements_suspended_total')).toBe(enqueued('EntitlementValidityChanged', ['past-due-beyond-grace']));
    expect(await counted('payments_entitlements_revoked_total')).toBe(enqueued('EntitlementRevoked', ['subscription-ended']));
  });
});
