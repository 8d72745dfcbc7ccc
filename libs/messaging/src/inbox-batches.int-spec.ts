import { uniqueName } from '@payments/testing';
import { ConsumerBed } from './consumer-bed.fixture';
import { InboxConsumer } from './inbox.consumer';
import { MessageHandler, UnprocessableMessageError } from './message-handler.port';

/*
 * maxBatchSize > 1: waiting messages of a partition are applied a transaction per run. What must
 * not change: each message applied exactly once, in order per key, a failing message isolated
 * (those around it applied, it retried or dead-lettered on its own).
 */
describe('the inbox consumer applying waiting messages in batches', () => {
  const bed = new ConsumerBed('inbox_batches');

  /** `keys` keys with `perKey` messages each. */
  const sequences = (keys: number, perKey: number) =>
    Array.from({ length: perKey }, (_, seq) => Array.from({ length: keys }, (__, k) => bed.message(k, seq + 1))).flat();

  const start = (topic: string, handler: MessageHandler, groupId?: string): Promise<InboxConsumer> => bed.start(topic, handler, { groupId, maxBatchSize: 50 });

  it('applies every waiting message exactly once, in order per key, in far fewer transactions than messages', async () => {
    const topic = await bed.newTopic(3);
    const messages = sequences(12, 25);
    await bed.publish(topic, messages);
    await start(topic, bed.recording);

    const ids = messages.map((m) => m.id);
    const effects = await bed.eventuallyAll(ids);
    expect(new Set(effects.map((e) => e.message_id)).size).toBe(messages.length);
    expect(effects).toHaveLength(messages.length);
    for (const seqs of ConsumerBed.seqsByKey(effects).values()) expect(seqs).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const transactions = new Set(effects.map((e) => e.txid)).size;
    expect(transactions).toBeLessThan(messages.length / 5);
  });

  it('skips what was applied before when the same messages are delivered again', async () => {
    const topic = await bed.newTopic(1);
    const messages = sequences(3, 10);
    await bed.publish(topic, messages);
    const groupId = uniqueName('inbox_batches_group');
    const first = await start(topic, bed.recording, groupId);
    await bed.eventuallyAll(messages.map((m) => m.id));
    await bed.stop(first);

    await bed.publish(topic, messages);
    const later = sequences(1, 3);
    await bed.publish(topic, later);
    await start(topic, bed.recording, groupId);
    await bed.eventuallyAll(later.map((m) => m.id));
    expect(await bed.effectsOf(messages.map((m) => m.id))).toHaveLength(messages.length);
  });

  it('isolates a message its handler refuses: those before and after it applied once, it dead-lettered, nothing of it kept', async () => {
    const topic = await bed.newTopic(1);
    const messages = sequences(1, 30);
    const poisoned = messages[17];
    await bed.publish(topic, messages);
    await start(topic, async (envelope, ctx) => {
      await bed.recording(envelope, ctx);
      if (envelope.id === poisoned.id) throw new UnprocessableMessageError('TEST.REFUSED', 'this one cannot be applied');
    });

    const others = messages.filter((m) => m !== poisoned);
    const effects = await bed.eventuallyAll(others.map((m) => m.id));
    expect(effects.map((e) => e.seq)).toEqual(others.map((m) => (m.payload as { amountMinor: number }).amountMinor));
    expect(await bed.effectsOf([poisoned.id])).toEqual([]);
    expect(await bed.deadLetterIds(topic)).toEqual([poisoned.id]);
  });

  it('applies a message whose handler fails once on its own retry, and the batch around it once', async () => {
    const topic = await bed.newTopic(1);
    const messages = sequences(2, 20);
    const flaky = messages[9];
    let failures = 0;
    await bed.publish(topic, messages);
    await start(topic, async (envelope, ctx) => {
      await bed.recording(envelope, ctx);
      if (envelope.id === flaky.id && failures === 0) {
        failures += 1;
        throw new Error('a deadlock, say');
      }
    });

    const effects = await bed.eventuallyAll(messages.map((m) => m.id));
    expect(new Set(effects.map((e) => e.message_id)).size).toBe(messages.length);
    expect(failures).toBe(1);
    for (const seqs of ConsumerBed.seqsByKey(effects).values()) expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('refuses a batch size that is not a whole number from 1', () => {
    for (const maxBatchSize of [0, -1, 1.5]) {
      expect(() => new InboxConsumer({ kafka: bed.kafka, db: bed.db, schema: bed.schema, groupId: 'g', topics: ['t'], handler: bed.recording, maxBatchSize })).toThrow(RangeError);
    }
  });
});

