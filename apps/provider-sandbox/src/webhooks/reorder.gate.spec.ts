import { ReorderGate } from './reorder.gate';

describe('the reorder gate both publishers deliver through', () => {
  let sent: string[];
  const delivery = (name: string) => async () => {
    sent.push(name);
  };
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  beforeEach(() => {
    sent = [];
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
  });
  afterEach(() => jest.useRealTimers());

  it('delivers a held event right after the next event of the same key', async () => {
    const gate = new ReorderGate();
    gate.send('order-1', delivery('failed attempt'), { reorder: true });
    expect(sent).toEqual([]);
    gate.send('order-1', delivery('success'), {});
    await settle();
    expect(sent).toEqual(['success', 'failed attempt']);
  });

  it('lets a held event go after its own hold when no successor comes', async () => {
    const gate = new ReorderGate();
    gate.send('pi_1', delivery('succeeded'), { reorder: true, reorderHoldMs: 2000 });
    jest.advanceTimersByTime(1999);
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(sent).toEqual(['succeeded']);
  });

  it('does not deliver a released event a second time when its hold runs out', async () => {
    const gate = new ReorderGate();
    gate.send('pi_1', delivery('held'), { reorder: true, reorderHoldMs: 100 });
    gate.send('pi_1', delivery('next'), {});
    await settle();
    jest.advanceTimersByTime(100);
    expect(sent).toEqual(['next', 'held']);
  });

  it('sends an event without a key at once, reorder or not', () => {
    new ReorderGate().send(null, delivery('customer.created'), { reorder: true });
    expect(sent).toEqual(['customer.created']);
  });
});
