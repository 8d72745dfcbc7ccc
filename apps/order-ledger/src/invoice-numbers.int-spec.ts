import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ensureSchema } from '@payments/nest-runtime';
import { PgDatabase, Sql } from '@payments/persistence';
import { TestDatabase, eventually, testDatabase } from '@payments/testing';
import { formatInvoiceNumber } from './domain/invoice-number';
import { LedgerRepository } from './ledger.repository';
import { OrderLedgerInit1732300000000 } from './migrations/1732300000000-order-ledger-init';
import { SubscriptionInvoices1733100000000 } from './migrations/1733100000000-subscription-invoices';

const CONCURRENT_PAYMENTS = 40;

/** Thrown inside a paying transaction after it took its number, so that the transaction rolls back. */
class PaymentRolledBack extends Error {
  constructor(readonly invoiceNumber: string) {
    super(`payment with ${invoiceNumber} rolled back`);
  }
}

/** Resolves for everyone once `parties` callers have arrived. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let release: () => void = () => undefined;
  const open = new Promise<void>((resolve) => (release = resolve));
  return () => {
    arrived += 1;
    if (arrived === parties) release();
    return open;
  };
}

const paymentOf = () => ({ orderId: randomUUID(), amountMinor: 4_900, taxMinor: 0, currency: 'USD' });
const numbersFrom = (first: number, last: number, at: Date) =>
  Array.from({ length: last - first + 1 }, (_, index) => formatInvoiceNumber(first + index, at));

describe('invoice numbers under concurrent payments', () => {
  const ledger = new LedgerRepository();
  let database: TestDatabase;
  let db: PgDatabase;

  beforeAll(async () => {
    database = await testDatabase('order_ledger_invoices');
    await ensureSchema(database.url, 'order_ledger');
    const dataSource = new DataSource({
      type: 'postgres', url: database.url, schema: 'order_ledger', migrationsTableName: 'migrations', migrations: [OrderLedgerInit1732300000000, SubscriptionInvoices1733100000000],
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.destroy();
    // One connection per payment, plus one to watch the locks with.
    db = new PgDatabase({ connectionString: database.url, max: CONCURRENT_PAYMENTS + 1 });
    // pool.end() resolves while its connections are still closing, and the forced DROP DATABASE
    // then terminates them: expected at teardown, not a failure.
    db.pool.on('error', () => undefined);
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  /** How many other sessions are waiting for a lock this transaction holds. */
  async function waitingBehind(sql: Sql): Promise<number> {
    const [row] = await sql.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity
        WHERE datname = current_database() AND pg_backend_pid() = ANY (pg_blocking_pids(pid))`,
    );
    return row.waiting;
  }

  async function committedNumbers(year: number): Promise<string[]> {
    const rows = await db.query<{ invoice_number: string }>(
      `SELECT invoice_number FROM order_ledger.invoices WHERE invoice_number LIKE $1 ORDER BY invoice_number`, [`INV-${year}-%`],
    );
    return rows.map((row) => row.invoice_number);
  }

  it('issues exactly 1..k, without gaps or duplicates, when 40 payments take numbers at once and every third rolls back', async () => {
    const at = new Date('2030-03-01T12:00:00Z');
    const allOpen = barrier(CONCURRENT_PAYMENTS);
    const waiters: number[] = [];

    const outcomes = await Promise.allSettled(
      Array.from({ length: CONCURRENT_PAYMENTS }, (_, index) =>
        db.transaction(async (sql) => {
          await sql.query('SELECT 1');
          await allOpen();
          const invoiceNumber = await ledger.issueInvoice(sql, paymentOf(), at);
          waiters.push(await waitingBehind(sql));
          if (index % 3 === 0) throw new PaymentRolledBack(invoiceNumber);
          return invoiceNumber;
        }),
      ),
    );

    const issued = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    const rolledBack = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    expect(rolledBack.every((reason) => reason instanceof PaymentRolledBack)).toBe(true);
    expect(rolledBack).toHaveLength(Math.ceil(CONCURRENT_PAYMENTS / 3));
    const k = CONCURRENT_PAYMENTS - rolledBack.length;
    expect([...issued].sort()).toEqual(numbersFrom(1, k, at));
    expect(await committedNumbers(2030)).toEqual(numbersFrom(1, k, at));
    expect(await db.query(`SELECT last_number FROM order_ledger.invoice_counters WHERE year = 2030`)).toEqual([{ last_number: k }]);
    // A rolled-back payment's number went to a later one (the very last holder's may stay unused).
    const reissuable = new Set(numbersFrom(1, k + 1, at));
    expect(rolledBack.filter((reason: PaymentRolledBack) => !reissuable.has(reason.invoiceNumber))).toEqual([]);
    // The payments really queued on the counter: holders saw others waiting behind them.
    expect(Math.max(...waiters)).toBeGreaterThan(0);
  });

  it('still starts at 1 when the payment that created the year counter rolls back while others wait on it', async () => {
    const at = new Date('2031-01-01T00:00:00Z');
    const waitingPayments = 10;
    let othersStarted: () => void = () => undefined;
    const start = new Promise<void>((resolve) => (othersStarted = resolve));

    const creatorOutcome = db.transaction(async (sql) => {
      const invoiceNumber = await ledger.issueInvoice(sql, paymentOf(), at);
      othersStarted();
      // Rolling back only once every other payment waits on the new counter row is the case under test.
      await eventually(async () => ((await waitingBehind(sql)) === waitingPayments ? true : undefined), 20_000, 'the payments queued behind the counter');
      throw new PaymentRolledBack(invoiceNumber);
    }).catch((error: unknown) => error);
    await start;
    const others = await Promise.all(Array.from({ length: waitingPayments }, () => db.transaction((sql) => ledger.issueInvoice(sql, paymentOf(), at))));

    expect(await creatorOutcome).toEqual(new PaymentRolledBack(formatInvoiceNumber(1, at)));
    expect(others.sort()).toEqual(numbersFrom(1, waitingPayments, at));
    expect(await committedNumbers(2031)).toEqual(numbersFrom(1, waitingPayments, at));
  });

  it('keeps one sequence per UTC year: the first payment of a new year gets number 1 again', async () => {
    const lastOfYear = new Date('2032-12-31T23:59:59.999Z');
    const firstOfNext = new Date('2033-01-01T00:00:00.000Z');

    const numbers = [];
    for (const at of [lastOfYear, firstOfNext, lastOfYear]) numbers.push(await db.transaction((sql) => ledger.issueInvoice(sql, paymentOf(), at)));

    expect(numbers).toEqual(['INV-2032-000001', 'INV-2033-000001', 'INV-2032-000002']);
  });
});
