import { randomUUID } from 'node:crypto';
import { PgDatabase } from '@payments/persistence';
import { testSchema } from '@payments/testing';
import { ConcurrencyConflictError } from './event-store.errors';
import { eventStoreDdl } from './event-store.sql';
import { NewEvent } from './event-store.types';
import { openTransaction, waitingOnLock } from './open-transaction.test-helper';
import { PostgresEventStore } from './postgres.event-store';

const paid = (amount: number, eventId?: string): NewEvent => ({ type: 'PaymentCaptured', data: { amount }, eventId });

describe('PostgresEventStore append and readStream', () => {
  let db: PgDatabase;
  let drop: () => Promise<void>;
  let store: PostgresEventStore;

  beforeAll(async () => {
    const test = await testSchema('es_store');
    ({ db, drop } = test);
    for (const statement of eventStoreDdl(test.schema)) await db.query(statement);
    store = new PostgresEventStore(test.schema);
  });
  afterAll(() => drop());

  it('running the DDL again changes nothing', async () => {
    for (const statement of eventStoreDdl(store.schema)) await db.query(statement);
  });

  it('appends to a new stream at expected version 0 and reads the events back in order', async () => {
    const streamId = `order-${randomUUID()}`;
    const first = await db.transaction((sql) =>
      store.append(sql, streamId, 0, [
        { type: 'OrderPlaced', data: { sku: 'course-1' }, metadata: { correlationId: 'c-1' } },
        { type: 'PaymentCaptured', schemaVersion: 2, data: { amount: 4900 } },
      ]),
    );
    const second = await db.transaction((sql) => store.append(sql, streamId, first.nextExpectedVersion, [paid(100)]));

    const events = await store.readStream(db, streamId);

    expect(first.nextExpectedVersion).toBe(2);
    expect(second.nextExpectedVersion).toBe(3);
    expect(events.map((e) => [e.streamVersion, e.type, e.schemaVersion])).toEqual([
      [1, 'OrderPlaced', 1],
      [2, 'PaymentCaptured', 2],
      [3, 'PaymentCaptured', 1],
    ]);
    expect(events.map((e) => e.globalPosition)).toEqual([...first.globalPositions, ...second.globalPositions]);
    expect(BigInt(events[0].globalPosition)).toBeLessThan(BigInt(events[1].globalPosition));
    expect(events[0]).toMatchObject({ streamId, data: { sku: 'course-1' }, metadata: { correlationId: 'c-1' } });
    expect(events[2].metadata).toEqual({});
    expect(events[0].recordedAt).toBeInstanceOf(Date);
    expect(events[0].transactionId).toMatch(/^\d+$/);
  });

  it('refuses an append at a stale expected version and writes nothing', async () => {
    const streamId = `order-${randomUUID()}`;
    await db.transaction((sql) => store.append(sql, streamId, 0, [paid(1), paid(2)]));

    const stale = db.transaction((sql) => store.append(sql, streamId, 1, [paid(3)]));

    await expect(stale).rejects.toBeInstanceOf(ConcurrencyConflictError);
    await expect(stale).rejects.toMatchObject({
      code: 'EVENT_STORE.CONCURRENCY_CONFLICT',
      streamId,
      expectedVersion: 1,
      actualVersion: 2,
    });
    expect((await store.readStream(db, streamId)).map((e) => e.data.amount)).toEqual([1, 2]);
  });

  it('refuses expected version 0 for a stream that already exists', async () => {
    const streamId = `order-${randomUUID()}`;
    await db.transaction((sql) => store.append(sql, streamId, 0, [paid(1)]));

    await expect(db.transaction((sql) => store.append(sql, streamId, 0, [paid(2)]))).rejects.toMatchObject({
      code: 'EVENT_STORE.CONCURRENCY_CONFLICT',
      actualVersion: 1,
    });
  });

  it('refuses an expected version ahead of the stream, so a stream never has a gap', async () => {
    const streamId = `order-${randomUUID()}`;
    await db.transaction((sql) => store.append(sql, streamId, 0, [paid(1), paid(2)]));

    await expect(db.transaction((sql) => store.append(sql, streamId, 5, [paid(6)]))).rejects.toMatchObject({
      code: 'EVENT_STORE.CONCURRENCY_CONFLICT', expectedVersion: 5, actualVersion: 2,
    });
    await expect(db.transaction((sql) => store.append(sql, `order-${randomUUID()}`, 1, [paid(1)]))).rejects.toMatchObject({
      code: 'EVENT_STORE.CONCURRENCY_CONFLICT', expectedVersion: 1, actualVersion: 0,
    });
    expect((await store.readStream(db, streamId)).map((e) => e.streamVersion)).toEqual([1, 2]);
  });

  it('checks an empty append against the stream version and writes nothing', async () => {
    const streamId = `order-${randomUUID()}`;
    await db.transaction((sql) => store.append(sql, streamId, 0, [paid(1)]));

    await expect(db.transaction((sql) => store.append(sql, streamId, 1, []))).resolves.toMatchObject({ nextExpectedVersion: 1, globalPositions: [] });
    await expect(db.transaction((sql) => store.append(sql, streamId, 0, []))).rejects.toMatchObject({ code: 'EVENT_STORE.CONCURRENCY_CONFLICT', actualVersion: 1 });
    await expect(db.transaction((sql) => store.append(sql, streamId, 2, []))).rejects.toMatchObject({ code: 'EVENT_STORE.CONCURRENCY_CONFLICT', actualVersion: 1 });
  });

  it('rolls back the events of a transaction that fails after the append', async () => {
    const streamId = `order-${randomUUID()}`;
    const failing = db.transaction(async (sql) => {
      await store.append(sql, streamId, 0, [paid(1)]);
      throw new Error('the rest of the command failed');
    });

    await expect(failing).rejects.toThrow('the rest of the command failed');
    expect(await store.readStream(db, streamId)).toEqual([]);
    await db.transaction((sql) => store.append(sql, streamId, 0, [paid(2)]));
  });

  it.each([
    ['a new stream', 0],
    ['an existing stream', 2],
  ])('lets exactly one of two truly concurrent appends to %s win', async (_, expectedVersion) => {
    const streamId = `order-${randomUUID()}`;
    if (expectedVersion > 0) await db.transaction((sql) => store.append(sql, streamId, 0, [paid(1), paid(2)]));
    const first = await openTransaction(db.pool);
    const second = await openTransaction(db.pool);
    try {
      await store.append(first.sql, streamId, expectedVersion, [paid(10), paid(11)]);
      const secondAppend = store.append(second.sql, streamId, expectedVersion, [paid(20)]).then(
        () => 'won',
        (error: unknown) => error,
      );
      await waitingOnLock(db.pool, second.pid);
      await first.commit();

      const outcome = await secondAppend;
      await second.rollback();

      expect(outcome).toBeInstanceOf(ConcurrencyConflictError);
      expect(outcome).toMatchObject({ expectedVersion, actualVersion: expectedVersion + 2 });
      const amounts = (await store.readStream(db, streamId)).map((e) => e.data.amount);
      expect(amounts.slice(expectedVersion)).toEqual([10, 11]);
    } finally {
      await first.rollback();
      await second.rollback();
    }
  });

  it('lets exactly one of many racing appends at the same version win and keeps only its events', async () => {
    const streamId = `order-${randomUUID()}`;
    const outcomes = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((writer) =>
        db.transaction((sql) => store.append(sql, streamId, 0, [paid(writer), paid(writer * 100)])),
      ),
    );

    const won = outcomes.flatMap((outcome, index) => (outcome.status === 'fulfilled' ? [index + 1] : []));
    const lost = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(4);
    lost.forEach((reason) => expect(reason).toBeInstanceOf(ConcurrencyConflictError));
    const amounts = (await store.readStream(db, streamId)).map((e) => e.data.amount);
    expect(amounts).toEqual([won[0], won[0] * 100]);
  });
});
