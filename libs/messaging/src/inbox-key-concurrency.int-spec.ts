import { eventually, uniqueName } from '@payments/testing';
import { ConsumerBed } from './consumer-bed.fixture';
import { InboxConsumer } from './inbox.consumer';
import { MessageHandler, UnprocessableMessageError } from './message-handler.port';

/*
 * keyConcurrency: a slow handler (a provider call) holds back only the later messages of its own
 * key. What must not change: each message applied once, in order per key, offsets committed only
 * below what is finished, a refused message dead-lettered on its own.
 */
describe('the inbox consumer with messages of different keys in flight at once', () => {
  const bed = new ConsumerBed('inbox_keys');

  const start = (topic: string, handler: MessageHandler, groupId?: string): Promise<InboxConsumer> => bed.start(topic, handler, { groupId, keyConcurrency: 16 });

  async function committedOffset(groupId: string, topic: string): Promise<bigint> {
    const admin = bed.kafka.admin();
    await admin.connect();
    try {
      const [{ partitions }] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return BigInt(partitions[0].offset);
    } finally {
      await admin.disconnect();
    }
  }

  function gate() {
    let open: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  }

  it('applies a later message of another key on the same partition while an earlier one is still in its handler', async () => {
    const topic = await bed.newTopic(1);
    const slow = bed.message(1, 1);
    const slowNext = bed.message(1, 2);
    const other = bed.message(2, 1);
    const release = gate();
    const groupId = uniqueName('inbox_keys_group');
    await bed.publish(topic, [slow, slowNext, other]);
    // The first message of key 1 finishes only once key 2's message was applied: were key 2 waiting
    // behind it, neither would ever finish.
    await start(topic, async (envelope, ctx) => {
      if (envelope.id === slow.id) await release.opened;
      await bed.recording(envelope, ctx);
    }, groupId);

    await bed.eventuallyAll([other.id]);
    expect(await bed.effectsOf([slow.id, slowNext.id])).toEqual([]);
    // Nothing at or after the unfinished message is committed: a restart now would deliver it again.
    expect(await committedOffset(groupId, topic)).toBeLessThanOrEqual(0n);

    release.open();
    const effects = await bed.eventuallyAll([slow.id, slowNext.id, other.id]);
    expect(effects.map((e) => e.message_id)).toEqual([other.id, slow.id, slowNext.id]);
    await eventually(async () => ((await committedOffset(groupId, topic)) === 3n ? true : undefined), 60_000, 'the offsets committed past all three');
  });

  it('applies every message once and in order per key, with handlers of different speeds, across partitions and a restart', async () => {
    const topic = await bed.newTopic(3);
    const messages = Array.from({ length: 20 }, (_, seq) => Array.from({ length: 12 }, (__, k) => bed.message(k, seq + 1))).flat();
    const handler: MessageHandler = async (envelope, ctx) => {
      await new Promise((resolve) => setTimeout(resolve, (Number.parseInt(envelope.key.slice(-2), 10) % 4) * 5));
      await bed.recording(envelope, ctx);
    };
    const groupId = uniqueName('inbox_keys_group');
    await bed.publish(topic, messages.slice(0, 120));
    const first = await start(topic, handler, groupId);
    await bed.eventuallyAll(messages.slice(0, 40).map((m) => m.id));
    await bed.stop(first);
    await bed.publish(topic, messages.slice(120));
    await start(topic, handler, groupId);

    const effects = await bed.eventuallyAll(messages.map((m) => m.id));
    expect(effects).toHaveLength(messages.length);
    const byKey = ConsumerBed.seqsByKey(effects);
    expect(byKey.size).toBe(12);
    for (const seqs of byKey.values()) expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('dead-letters a refused message and applies those around it once', async () => {
    const topic = await bed.newTopic(1);
    const messages = Array.from({ length: 10 }, (_, seq) => bed.message(seq % 3, seq + 1));
    const poisoned = messages[4];
    await bed.publish(topic, messages);
    await start(topic, async (envelope, ctx) => {
      await bed.recording(envelope, ctx);
      if (envelope.id === poisoned.id) throw new UnprocessableMessageError('TEST.REFUSED', 'this one cannot be applied');
    });

    const others = messages.filter((m) => m !== poisoned);
    expect(await bed.eventuallyAll(others.map((m) => m.id))).toHaveLength(others.length);
    expect(await bed.effectsOf([poisoned.id])).toEqual([]);
    expect(await bed.deadLetterIds(topic)).toEqual([poisoned.id]);
  });

  it('refuses a concurrency that is not a whole number, or one together with batches', () => {
    const base = { kafka: bed.kafka, db: bed.db, schema: bed.schema, groupId: 'g', topics: ['t'], handler: bed.recording };
    for (const keyConcurrency of [-1, 1.5]) expect(() => new InboxConsumer({ ...base, keyConcurrency })).toThrow(RangeError);
    expect(() => new InboxConsumer({ ...base, keyConcurrency: 4, maxBatchSize: 10 })).toThrow(RangeError);
  });
});
