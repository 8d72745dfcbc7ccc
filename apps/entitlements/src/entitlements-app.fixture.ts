import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import { Envelope, OrderPaid, OrderRefunded, SubscriptionEnded, SubscriptionPeriodPaid, Topics, buildMessage } from '@payments/contracts';
import { createKafka, ensureTopics } from '@payments/messaging';
import { KafkaTestClient, TestDatabase, TopicTail, eventually, kafkaBrokers, kafkaTestClient, testDatabase, uniqueName } from '@payments/testing';
import { loadEntitlementsConfig } from './entitlements.config';
import { EntitlementsModule } from './entitlements.module';
import { startInboxConsumers } from '@payments/nest-runtime';

// Test support for the entitlements integration tests: the real Nest module in this process, on a
// fresh database, in consumer groups of its own that start at the end of the shared topics.

const origin = { correlationId: 'entitlements-test' };
const LMS_TOPICS = [Topics.entitlementGranted, Topics.entitlementChanged, Topics.entitlementRevoked];
export const COURSE = 'course-typescript-101';

export function orderPaid(orderId: string, userId: string, productIds: string[] = [COURSE]): Envelope {
  const lines = productIds.map((productId) => ({ productId, kind: productId.startsWith('plan-') ? 'plan' as const : 'course' as const, quantity: 1, unitAmountMinor: 1900 }));
  return buildMessage(OrderPaid, {
    key: orderId, origin, occurredAt: new Date(),
    payload: { orderId, userId, lines, amountMinor: 1900 * lines.length, currency: 'USD', provider: 'stripe', providerPaymentId: `pi_${orderId.slice(0, 8)}`, invoiceNumber: 'INV-1', paidAt: new Date().toISOString() },
  });
}

export function orderRefunded(orderId: string, userId: string, amountMinor: number, refundedMinor: number, totalMinor = 1900): Envelope {
  return buildMessage(OrderRefunded, {
    key: orderId, origin, occurredAt: new Date(),
    payload: {
      orderId, userId, refundId: randomUUID(), amountMinor, refundedMinor, remainingMinor: totalMinor - refundedMinor, currency: 'USD',
      fullyRefunded: refundedMinor === totalMinor, refundedAt: new Date().toISOString(),
    },
  });
}

export interface TestSubscription { subscriptionId: string; userId: string; planId: string }

export const newSubscription = (): TestSubscription => ({ subscriptionId: randomUUID(), userId: `user-${randomUUID()}`, planId: 'plan-pro-monthly' });

export function periodPaid(sub: TestSubscription, periodsPaid: number, periodEnd: Date, periodStart = new Date(periodEnd.getTime() - 30 * 86_400_000)): Envelope {
  return buildMessage(SubscriptionPeriodPaid, {
    key: sub.subscriptionId, origin, occurredAt: new Date(),
    payload: {
      ...sub, provider: 'stripe', periodStart: periodStart.toISOString(), periodEnd: periodEnd.toISOString(), amountMinor: 1900, currency: 'USD',
      invoiceNumber: `INV-${periodsPaid}`, billingReason: periodsPaid === 1 ? 'create' : 'cycle', periodsPaid, paidAt: new Date().toISOString(),
    },
  });
}

export function subscriptionEnded(sub: TestSubscription): Envelope {
  return buildMessage(SubscriptionEnded, { key: sub.subscriptionId, origin, occurredAt: new Date(), payload: { ...sub, reason: 'canceled', endedAt: new Date().toISOString() } });
}

export interface EntitlementRow { entitlement_id: string; status: string; valid_until: Date | null; sequence: number; subscription_id: string | null; granted_at: Date | null }

export interface EntitlementsUnderTest {
  readonly app: INestApplication;
  readonly kafka: KafkaTestClient;
  readonly tail: TopicTail;
  readonly db: Client;
  /** Publishes, then waits until the service applied every one of the messages. */
  deliver(topic: string, envelopes: readonly Envelope[]): Promise<void>;
  /**
   * The LMS messages about one purchase (order or subscription id) the service enqueued, in order,
   * once all of them are on Kafka too (and seen there): after `deliver`, exactly what it published.
   */
  published(purchaseId: string): Promise<Envelope[]>;
  entitlements(purchaseId: string): Promise<EntitlementRow[]>;
  changes(entitlementId: string): Promise<[number, string, string][]>;
  stop(): Promise<void>;
}

export async function startEntitlements(env: NodeJS.ProcessEnv = {}): Promise<EntitlementsUnderTest> {
  const database: TestDatabase = await testDatabase('entitlements_test');
  await ensureTopics(createKafka({ clientId: uniqueName('entitlements_test'), brokers: kafkaBrokers() }), [Topics.ordersEvents, Topics.subscriptionsEvents, ...LMS_TOPICS]);
  const kafka = await kafkaTestClient();
  const groupId = uniqueName('entitlements_test');
  await kafka.startGroupAtEnd(groupId, [Topics.ordersEvents]);
  await kafka.startGroupAtEnd(`${groupId}-subscriptions`, [Topics.subscriptionsEvents]);
  const tail = await kafka.tail(LMS_TOPICS);
  const config = loadEntitlementsConfig({ KAFKA_BROKERS: kafkaBrokers().join(','), DATABASE_URL: database.url, ENTITLEMENTS_CONSUMER_GROUP: groupId, ...env });
  const module = await Test.createTestingModule({ imports: [EntitlementsModule.forRoot(config)] }).compile();
  const app: INestApplication = module.createNestApplication({ logger: false });
  await startInboxConsumers(app);
  const db = new Client({ connectionString: database.url });
  await db.connect();

  const enqueued = async (purchaseId: string) => {
    const { rows } = await db.query<{ payload: Envelope; published_at: Date | null }>(
      `SELECT payload, published_at FROM entitlements.outbox
        WHERE payload->'payload'->>'orderId' = $1 OR payload->'payload'->>'subscriptionId' = $1 ORDER BY seq`,
      [purchaseId],
    );
    return rows;
  };
  return {
    app, kafka, tail, db,
    async deliver(topic, envelopes) {
      await kafka.publish(topic, envelopes);
      const ids = envelopes.map((envelope) => envelope.id);
      await eventually(async () => {
        const { rows } = await db.query(`SELECT count(DISTINCT message_id)::int AS n FROM entitlements.inbox WHERE message_id = ANY($1)`, [ids]);
        return rows[0].n === new Set(ids).size ? true : undefined;
      }, 30_000, `the service to apply ${ids.length} message(s)`);
    },
    async published(purchaseId) {
      return eventually(async () => {
        const rows = await enqueued(purchaseId);
        const onKafka = LMS_TOPICS.flatMap((topic) => tail.on(topic)).filter((m) => rows.some((row) => row.payload.id === m.id));
        return rows.every((row) => row.published_at !== null) && onKafka.length === rows.length ? rows.map((row) => row.payload) : undefined;
      }, 30_000, `the LMS messages about ${purchaseId} on Kafka`);
    },
    async entitlements(purchaseId) {
      const { rows } = await db.query<EntitlementRow>(
        `SELECT entitlement_id, status, valid_until, sequence, subscription_id, granted_at FROM entitlements.entitlements WHERE order_id = $1 ORDER BY product_id`, [purchaseId],
      );
      return rows;
    },
    async changes(entitlementId) {
      const { rows } = await db.query(`SELECT sequence, change, reason FROM entitlements.entitlement_changes WHERE entitlement_id = $1 ORDER BY sequence`, [entitlementId]);
      return rows.map((row) => [row.sequence, row.change, row.reason] as [number, string, string]);
    },
    async stop() {
      await db.end();
      await app.close();
      await kafka.close();
      await database.drop();
    },
  };
}
