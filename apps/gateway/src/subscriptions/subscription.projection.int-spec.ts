import { randomUUID } from 'node:crypto';
import {
  EntitlementGranted, EntitlementRevoked, EntitlementValidityChanged, Envelope, SubscriptionEnded, SubscriptionPastDue, SubscriptionPeriodPaid, SubscriptionPlaced,
  buildMessage,
} from '@payments/contracts';
import { migrateSchema } from '@payments/nest-runtime';
import { ServiceMetrics } from '@payments/observability';
import { PgDatabase } from '@payments/persistence';
import { TestDatabase, testDatabase } from '@payments/testing';
import { GATEWAY_MIGRATIONS } from '../gateway.module';
import { PaymentFlowMetrics } from '../metrics/payment-flow.metrics';
import { ReadModelProjector } from '../read-models/read-model-projector.handler';

const origin = { correlationId: 'gateway-subscriptions-int', causationId: null };
const occurredAt = new Date('2026-12-02T10:00:00.000Z');
const message = <T>(contract: Parameters<typeof buildMessage<T, string>>[0], key: string, payload: T): Envelope =>
  buildMessage(contract, { key, origin, occurredAt, payload }) as Envelope;

describe('gateway read models of subscriptions and entitlements', () => {
  let database: TestDatabase;
  let db: PgDatabase;
  const projector = new ReadModelProjector(new PaymentFlowMetrics(new ServiceMetrics('gateway-test')));
  const apply = async (envelopes: Envelope[]) => {
    for (const envelope of envelopes) await db.transaction((sql) => projector.handle(envelope, { sql, topic: 't', partition: 0, offset: '0', headers: {} }));
  };

  beforeAll(async () => {
    database = await testDatabase('gateway_subscriptions');
    db = new PgDatabase({ connectionString: database.url, max: 2 });
    await migrateSchema(database.url, GATEWAY_MIGRATIONS);
  });

  afterAll(async () => {
    await db?.pool.end();
    await database?.drop();
  });

  const subscriptionMessages = (id: string) => {
    const ref = { subscriptionId: id, userId: 'user-1', planId: 'plan-pro-monthly' };
    const period = (n: number) => message(SubscriptionPeriodPaid, id, {
      ...ref, provider: 'stripe', periodStart: new Date(Date.UTC(2026, n, 1)).toISOString(), periodEnd: new Date(Date.UTC(2026, n + 1, 1)).toISOString(),
      amountMinor: 1180, currency: 'USD', invoiceNumber: `INV-2026-00000${n + 1}`, billingReason: n === 0 ? 'create' : 'cycle', periodsPaid: n + 1,
      paidAt: new Date(Date.UTC(2026, n, 1)).toISOString(),
    });
    return {
      placed: message(SubscriptionPlaced, id, { ...ref, interval: 'month', amountMinor: 1180, currency: 'USD', provider: 'stripe', placedAt: '2026-01-01T00:00:00.000Z' }),
      period,
      pastDue: message(SubscriptionPastDue, id, { ...ref, paidThrough: '2026-03-01T00:00:00.000Z', reason: 'card_declined', since: '2026-03-01T00:01:00.000Z' }),
      ended: message(SubscriptionEnded, id, { ...ref, reason: 'canceled', endedAt: '2026-04-01T00:00:00.000Z' }),
    };
  };
  const row = async (id: string) => (await db.query<Record<string, unknown>>(`SELECT * FROM gateway.subscriptions WHERE subscription_id = $1`, [id]))[0];

  it('follows a subscription through renewals, past due, recovery and its end', async () => {
    const id = randomUUID();
    const m = subscriptionMessages(id);
    await apply([m.placed, m.period(0), m.period(1)]);
    expect(await row(id)).toMatchObject({ status: 'active', periods_paid: 2, paid_through: new Date('2026-03-01T00:00:00.000Z') });
    await apply([m.pastDue]);
    expect(await row(id)).toMatchObject({ status: 'past_due', past_due_since: new Date('2026-03-01T00:01:00.000Z') });
    await apply([m.period(2), m.ended]);
    expect(await row(id)).toMatchObject({ status: 'ended', periods_paid: 3, end_reason: 'canceled', past_due_since: null });
  });

  it('never moves back: an older period or a past-due after the end changes nothing', async () => {
    const id = randomUUID();
    const m = subscriptionMessages(id);
    await apply([m.placed, m.period(2), m.period(0), m.ended, m.pastDue, m.period(1), m.period(2)]);
    expect(await row(id)).toMatchObject({ status: 'ended', periods_paid: 3, paid_through: new Date('2026-04-01T00:00:00.000Z') });
  });

  it('entitlements: lifecycle messages before the grant, an older change after a newer one, revocation final', async () => {
    const entitlementId = randomUUID();
    const subscriptionId = randomUUID();
    const base = { entitlementId, userId: 'user-2', productId: 'plan-pro-monthly', kind: 'plan' as const, subscriptionId };
    const changed = (sequence: number, status: 'active' | 'suspended', validUntil: string) => message(EntitlementValidityChanged, 'user-2', {
      ...base, status, validUntil, reason: status === 'active' ? 'renewal-paid' : 'past-due-beyond-grace', sequence, changedAt: validUntil,
    });
    const granted = message(EntitlementGranted, 'user-2', { ...base, orderId: subscriptionId, validUntil: '2026-02-04T00:00:00.000Z', grantedAt: '2026-01-01T00:00:00.000Z' });
    const entitlement = async () => (await db.query<Record<string, unknown>>(`SELECT * FROM gateway.entitlements WHERE entitlement_id = $1`, [entitlementId]))[0];

    await apply([changed(3, 'suspended', '2026-03-04T00:00:00.000Z'), granted, changed(2, 'active', '2026-03-04T00:00:00.000Z')]);
    expect(await entitlement()).toMatchObject({ status: 'suspended', sequence: 3, valid_until: new Date('2026-03-04T00:00:00.000Z'), granted_at: new Date('2026-01-01T00:00:00.000Z') });
    await apply([message(EntitlementRevoked, 'user-2', { ...base, orderId: subscriptionId, reason: 'subscription-ended', revokedAt: '2026-04-01T00:00:00.000Z' })]);
    await apply([changed(4, 'active', '2026-05-04T00:00:00.000Z')]);
    expect(await entitlement()).toMatchObject({ status: 'revoked', status_reason: 'subscription-ended', revoked_at: new Date('2026-04-01T00:00:00.000Z') });
  });
});
