import { randomUUID } from 'node:crypto';
import { PgDatabase } from '@payments/persistence';
import { testSchema } from '@payments/testing';
import { DuplicateEventIdError } from './event-store.errors';
import { eventStoreDdl } from './event-store.sql';
import { NewEvent } from './event-store.types';
import { PostgresEventStore } from './postgres.event-store';

const paid = (amount: number, eventId?: string): NewEvent => ({ type: 'PaymentCaptured', data: { amount }, eventId });

describe('PostgresEventStore idempotence by event id', () => {
  let db: PgDatabase;
  let drop: () => Promise<void>;
  let store: PostgresEventStore;

  beforeAll(async () => {
    const test = await testSchema('es_idem');
    ({ db, drop } = test);
    for (const statement of eventStoreDdl(test.schema)) await db.query(statement);
    store = new PostgresEventStore(test.schema);
  });
  afterAll(() => drop());

  it('treats a retry of a committed append (same ids, same stream, same versions) as a no-op success', async () => {
    const streamId = `order-${randomUUID()}`;
    const ids = [randomUUID(), randomUUID()];
    const original = await db.transaction((sql) => store.append(sql, streamId, 0, [paid(1, ids[0]), paid(2, ids[1])]));
    await db.transaction((sql) => store.append(sql, streamId, 2, [paid(3)]));

    const retry = await db.transaction((sql) => store.append(sql, streamId, 0, [paid(1, ids[0]), paid(2, ids[1])]));

    expect(retry).toEqual(original);
    expect((await store.readStream(db, streamId)).map((e) => e.data.amount)).toEqual([1, 2, 3]);
  });

  it('refuses a stored event id appended at another version', async () => {
    const streamId = `order-${randomUUID()}`;
    const id = randomUUID();
    await db.transaction((sql) => store.append(sql, streamId, 0, [paid(1, id)]));

    const moved = db.transaction((sql) => store.append(sql, streamId, 1, [paid(1, id)]));

    await expect(moved).rejects.toBeInstanceOf(DuplicateEventIdError);
    await expect(moved).rejects.toMatchObject({ code: 'EVENT_STORE.DUPLICATE_EVENT_ID', streamId });
    expect(await store.readStream(db, streamId)).toHaveLength(1);
  });

  it('refuses a stored event id appended to another stream', async () => {
    const id = randomUUID();
    await db.transaction((sql) => store.append(sql, `order-${randomUUID()}`, 0, [paid(1, id)]));
    const otherStream = `order-${randomUUID()}`;

    await expect(db.transaction((sql) => store.append(sql, otherStream, 0, [paid(1, id)]))).rejects.toBeInstanceOf(
      DuplicateEventIdError,
    );
    expect(await store.readStream(db, otherStream)).toEqual([]);
  });

  it('refuses a retry that adds new events to ones already stored, writing none of them', async () => {
    const streamId = `order-${randomUUID()}`;
    const id = randomUUID();
    await db.transaction((sql) => store.append(sql, streamId, 0, [paid(1, id)]));

    await expect(
      db.transaction((sql) => store.append(sql, streamId, 0, [paid(1, id), paid(2)])),
    ).rejects.toBeInstanceOf(DuplicateEventIdError);
    expect(await store.readStream(db, streamId)).toHaveLength(1);
  });

  it('refuses the same event id twice in one append', async () => {
    const streamId = `order-${randomUUID()}`;
    const id = randomUUID();

    await expect(
      db.transaction((sql) => store.append(sql, streamId, 0, [paid(1, id), paid(2, id)])),
    ).rejects.toBeInstanceOf(DuplicateEventIdError);
    expect(await store.readStream(db, streamId)).toEqual([]);
  });
});
