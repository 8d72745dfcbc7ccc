import { randomUUID } from 'node:crypto';
import { PgDatabase } from '@payments/persistence';
import { eventually, testSchema } from '@payments/testing';
import { eventStoreDdl } from './event-store.sql';
import { Checkpoint, START, StoredEvent, checkpointOf } from './event-store.types';
import { openTransaction } from './open-transaction.test-helper';
import { PostgresEventStore } from './postgres.event-store';

describe('PostgresEventStore readAll (catch-up read)', () => {
  let db: PgDatabase;
  let drop: () => Promise<void>;
  let store: PostgresEventStore;

  beforeAll(async () => {
    const test = await testSchema('es_read');
    ({ db, drop } = test);
    for (const statement of eventStoreDdl(test.schema)) await db.query(statement);
    store = new PostgresEventStore(test.schema);
  });
  afterAll(() => drop());

  /** A reader as a projection runs it: read after the checkpoint, move the checkpoint to the last event. */
  function catchUpReader(batchSize: number) {
    let checkpoint: Checkpoint = START;
    const seen: StoredEvent[] = [];
    return {
      seen,
      async poll(): Promise<StoredEvent[]> {
        const events = await store.readAll(db, checkpoint, batchSize);
        if (events.length > 0) checkpoint = checkpointOf(events[events.length - 1]);
        seen.push(...events);
        return events;
      },
    };
  }

  it('returns settled events strictly after the checkpoint, in numeric position order, a page at a time', async () => {
    const streamId = `order-${randomUUID()}`;
    // First append in a fresh schema: positions 1..12, so a text sort ("10" < "2") would show.
    const amounts = Array.from({ length: 12 }, (_, n) => n);
    const { globalPositions } = await db.transaction((sql) =>
      store.append(sql, streamId, 0, amounts.map((n) => ({ type: 'Counted', data: { n } }))),
    );
    const reader = catchUpReader(5);

    await eventually(async () => {
      await reader.poll();
      return reader.seen.length >= amounts.length ? true : undefined;
    });

    expect(globalPositions).toEqual(amounts.map((n) => String(n + 1)));
    expect(reader.seen.map((e) => e.globalPosition)).toEqual(globalPositions);
    expect(await reader.poll()).toEqual([]);
  });

  it('never skips an event committed late by a transaction that took a lower position', async () => {
    const slow = await openTransaction(db.pool);
    try {
      const slowAppend = await store.append(slow.sql, `order-${randomUUID()}`, 0, [{ type: 'Slow', data: {} }]);
      const fastAppend = await db.transaction((sql) =>
        store.append(sql, `order-${randomUUID()}`, 0, [{ type: 'Fast', data: {} }]),
      );
      expect(BigInt(slowAppend.globalPositions[0])).toBeLessThan(BigInt(fastAppend.globalPositions[0]));
      const reader = catchUpReader(10);
      await eventually(async () => ((await reader.poll()).length === 0 ? true : undefined));
      const before = reader.seen.map((e) => e.type);

      // The slow transaction is open and older than the fast one, so the fast event is not settled yet.
      // (A reader of `WHERE global_position > $last ORDER BY global_position` would return it now,
      // move its checkpoint past the slow event's position and never see the slow event.)
      expect(before).not.toContain('Fast');

      await slow.commit();
      await eventually(async () => {
        await reader.poll();
        return reader.seen.some((e) => e.type === 'Fast') ? true : undefined;
      });

      const types = reader.seen.map((e) => e.type);
      expect(types.filter((type) => type === 'Slow' || type === 'Fast')).toEqual(['Slow', 'Fast']);
    } finally {
      await slow.rollback();
    }
  });
});
