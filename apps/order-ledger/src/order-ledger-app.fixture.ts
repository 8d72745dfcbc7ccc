import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import { CheckoutOpened, Envelope, PaymentSessionClosed, PaymentSucceeded, Topics, buildMessage } from '@payments/contracts';
import { createKafka, ensureTopics } from '@payments/messaging';
import { KafkaTestClient, TestDatabase, TopicTail, kafkaBrokers, kafkaTestClient, testDatabase, uniqueName } from '@payments/testing';
import { loadOrderLedgerConfig } from './order-ledger.config';
import { OrderLedgerModule } from './order-ledger.module';
import { startInboxConsumers } from '@payments/nest-runtime';

// Test support for order-ledger's integration tests: its real Nest module in this process, on a
// fresh database, in a consumer group of its own that starts at the end of the shared topics.

const origin = { correlationId: 'order-ledger-test' };
const occurredAt = new Date();
export const AMOUNT = 1900;

export function opened(orderId: string): Envelope {
  return buildMessage(CheckoutOpened, {
    key: orderId, origin, occurredAt,
    payload: {
      orderId, userId: 'user-ledger-test', amountMinor: AMOUNT, currency: 'USD', provider: 'stripe', providerReference: `pi_${orderId.slice(0, 8)}`,
      lines: [{ productId: 'course-typescript-101', kind: 'course', quantity: 1, unitAmountMinor: AMOUNT }],
      breakdown: { subtotalMinor: AMOUNT, discountMinor: 0, taxMinor: 0, totalMinor: AMOUNT },
    },
  });
}

export function paid(orderId: string, amountMinor = AMOUNT): Envelope {
  return buildMessage(PaymentSucceeded, {
    key: orderId, origin, occurredAt,
    payload: { orderId, provider: 'stripe', providerEventId: `evt_${randomUUID()}`, providerPaymentId: `pi_${randomUUID()}`, amountMinor, currency: 'USD', succeededAt: occurredAt.toISOString() },
  });
}

export function closed(orderId: string): Envelope {
  return buildMessage(PaymentSessionClosed, {
    key: orderId, origin, occurredAt,
    payload: { orderId, provider: 'stripe', providerEventId: `evt_${randomUUID()}`, providerPaymentId: 'pi_x', reason: 'canceled', closedAt: occurredAt.toISOString() },
  });
}

export interface OrderLedgerUnderTest {
  readonly kafka: KafkaTestClient;
  readonly tail: TopicTail;
  readonly db: Client;
  readonly baseUrl: string;
  /** orders.events messages about one order, in arrival order. */
  about(orderId: string): Envelope[];
  /** subscriptions.events messages about one subscription, in arrival order. */
  aboutSubscription(subscriptionId: string): Envelope[];
  /** The types of the order's stream, in version order. */
  streamTypes(orderId: string): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startOrderLedger(env: NodeJS.ProcessEnv): Promise<OrderLedgerUnderTest> {
  const database: TestDatabase = await testDatabase('order_ledger_test');
  await ensureTopics(createKafka({ clientId: uniqueName('ledger_test'), brokers: kafkaBrokers() }), [Topics.checkoutEvents, Topics.providerEvents, Topics.ordersEvents, Topics.ordersCommands, Topics.subscriptionsEvents]);
  const kafka = await kafkaTestClient();
  const groupId = uniqueName('order_ledger_test');
  await kafka.startGroupAtEnd(groupId, [Topics.checkoutEvents, Topics.providerEvents, Topics.ordersCommands]);
  const tail = await kafka.tail([Topics.ordersEvents, Topics.subscriptionsEvents]);
  const config = loadOrderLedgerConfig({ KAFKA_BROKERS: kafkaBrokers().join(','), DATABASE_URL: database.url, ORDER_LEDGER_CONSUMER_GROUP: groupId, ...env });
  const module = await Test.createTestingModule({ imports: [OrderLedgerModule.forRoot(config)] }).compile();
  const app: INestApplication = module.createNestApplication({ logger: false });
  await startInboxConsumers(app);
  await app.listen(0, '127.0.0.1');
  const db = new Client({ connectionString: database.url });
  await db.connect();
  return {
    kafka, tail, db,
    baseUrl: await app.getUrl(),
    about: (orderId) => tail.on(Topics.ordersEvents).filter((m) => (m.payload as { orderId: string }).orderId === orderId),
    aboutSubscription: (subscriptionId) => tail.on(Topics.subscriptionsEvents).filter((m) => (m.payload as { subscriptionId: string }).subscriptionId === subscriptionId),
    async streamTypes(orderId) {
      const { rows } = await db.query(`SELECT type FROM order_ledger.events WHERE stream_id = $1 ORDER BY stream_version`, [`order-${orderId}`]);
      return rows.map((row) => row.type as string);
    },
    async stop() {
      await db.end();
      await app.close();
      await kafka.close();
      await database.drop();
    },
  };
}
