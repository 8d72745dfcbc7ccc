import { TestingModule, Test } from '@nestjs/testing';
import { Client } from 'pg';
import { Topics } from '@payments/contracts';
import { createKafka, ensureTopics } from '@payments/messaging';
import { TestDatabase, kafkaBrokers, kafkaTestClient, testDatabase, uniqueName } from '@payments/testing';
import { loadOrderLedgerConfig } from '../order-ledger.config';
import { OrderLedgerModule } from '../order-ledger.module';
import { ReconciliationScheduler } from './reconciliation.scheduler';

process.env.LOG_LEVEL ??= 'error';
const silentNestLogger = { log: () => undefined, error: () => undefined, warn: () => undefined };
const CONSUMED = [Topics.checkoutEvents, Topics.providerEvents, Topics.ordersCommands, Topics.settlementReports];

describe('the nightly reconciliation schedule on two replicas of order-ledger', () => {
  let database: TestDatabase;
  let db: Client;
  const replicas: TestingModule[] = [];

  beforeAll(async () => {
    database = await testDatabase('reconciliation_schedule');
    await ensureTopics(createKafka({ clientId: uniqueName('schedule_test'), brokers: kafkaBrokers() }), [...CONSUMED, Topics.ordersEvents, Topics.checkoutCommands, Topics.reconciliationEvents]);
    const kafka = await kafkaTestClient();
    const groupId = uniqueName('order_ledger_schedule');
    await kafka.startGroupAtEnd(groupId, CONSUMED);
    await kafka.close();
    // Due all day (00:00), and the replicas' own timers never fire during the test: the test calls them.
    const config = loadOrderLedgerConfig({
      KAFKA_BROKERS: kafkaBrokers().join(','), DATABASE_URL: database.url, ORDER_LEDGER_CONSUMER_GROUP: groupId,
      RECONCILIATION_SCHEDULE: '00:00', RECONCILIATION_SCHEDULE_CHECK_MS: '3600000',
    });
    for (let i = 0; i < 2; i += 1) {
      const replica = await Test.createTestingModule({ imports: [OrderLedgerModule.forRoot(config)] }).setLogger(silentNestLogger).compile();
      await replica.init();
      replicas.push(replica);
    }
    db = new Client({ connectionString: database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    for (const replica of replicas) await replica.close();
    await database?.drop();
  });

  it('asks once per provider for the previous day, however many replicas find the slot due at once', async () => {
    const schedulers = replicas.map((replica) => replica.get(ReconciliationScheduler));
    const started = await Promise.all([...schedulers, ...schedulers, ...schedulers].map((scheduler) => scheduler.startDueRuns()));
    expect(started.reduce((sum, n) => sum + n, 0)).toBe(2);

    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const { rows } = await db.query(
      `SELECT provider, to_char(settlement_date, 'YYYY-MM-DD') AS date, trigger, slot, status FROM order_ledger.reconciliation_runs ORDER BY provider`,
    );
    expect(rows).toEqual([
      { provider: 'cashfree', date: yesterday, trigger: 'schedule', slot: 'daily@00:00', status: 'requested' },
      { provider: 'stripe', date: yesterday, trigger: 'schedule', slot: 'daily@00:00', status: 'requested' },
    ]);
    const { rows: fetches } = await db.query(`SELECT message_key FROM order_ledger.outbox WHERE payload->>'type' = 'SettlementFetchRequested' ORDER BY message_key`);
    expect(fetches.map((row) => row.message_key)).toEqual([`cashfree:${yesterday}`, `stripe:${yesterday}`]);
  });
});
