import fc from 'fast-check';
import { KeyLanes, OffsetWatermark } from './key-lanes';

describe('KeyLanes', () => {
  it('runs a key\'s jobs one after another and other keys\' jobs meanwhile', async () => {
    const lanes = new KeyLanes();
    const log: string[] = [];
    let releaseA: () => void = () => undefined;
    const a1 = lanes.run('a', () => new Promise<void>((resolve) => (releaseA = () => { log.push('a1'); resolve(); })));
    const a2 = lanes.run('a', async () => { log.push('a2'); });
    const b1 = lanes.run('b', async () => { log.push('b1'); });
    expect(lanes.size).toBe(3);
    await b1;
    expect(log).toEqual(['b1']);
    releaseA();
    await Promise.all([a1, a2]);
    expect(log).toEqual(['b1', 'a1', 'a2']);
    expect(lanes.size).toBe(0);
  });

  it('goes on with a key after one of its jobs failed', async () => {
    const lanes = new KeyLanes();
    const log: string[] = [];
    await lanes.run('a', async () => { throw new Error('failed'); });
    await lanes.run('a', async () => { log.push('after'); });
    expect(log).toEqual(['after']);
  });

  it('says when there is room below a limit, and when nothing is in flight', async () => {
    const lanes = new KeyLanes();
    let release: () => void = () => undefined;
    const job = lanes.run('a', () => new Promise<void>((resolve) => (release = resolve)));
    expect(await lanes.below(1, 5)).toBe(false);
    expect(await lanes.below(2, 5)).toBe(true);
    const room = lanes.below(1, 60_000);
    release();
    expect(await room).toBe(true);
    await job;
    await lanes.idle();
  });
});

describe('OffsetWatermark', () => {
  it('is the offset after the longest finished prefix, whatever order the offsets finish in', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 1_000 }), fc.infiniteStream(fc.nat()), (count, first, picks) => {
      const watermark = new OffsetWatermark();
      const finishers = Array.from({ length: count }, (_, i) => watermark.add(BigInt(first + i)));
      const finished = new Set<number>();
      const order = [...finishers.keys()];
      const iterator = picks[Symbol.iterator]();
      while (order.length > 0) {
        const [index] = order.splice(iterator.next().value % order.length, 1);
        finishers[index]();
        finished.add(index);
        let prefix = 0;
        while (finished.has(prefix)) prefix += 1;
        expect(watermark.committable).toBe(prefix === 0 ? undefined : BigInt(first + prefix));
      }
    }));
  });

  it('offers each offset once: not again once committed', () => {
    const watermark = new OffsetWatermark();
    watermark.add(5n)();
    expect(watermark.committable).toBe(6n);
    watermark.committed = 6n;
    expect(watermark.committable).toBeUndefined();
    watermark.add(6n)();
    expect(watermark.committable).toBe(7n);
  });
});
