import { planFaults, planOrders } from './chaos-plan';

describe('planning a chaos run', () => {
  const orders = planOrders({ orders: 300, durationSeconds: 90, seed: 7, runId: 'run' });

  it('plans the same orders for the same seed, and others for another seed', () => {
    expect(planOrders({ orders: 300, durationSeconds: 90, seed: 7, runId: 'run' })).toEqual(orders);
    expect(planOrders({ orders: 300, durationSeconds: 90, seed: 8, runId: 'run' })).not.toEqual(orders);
  });

  it('spreads the orders over the duration, in order', () => {
    const starts = orders.map((order) => order.startAtMs);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(starts[0]).toBeGreaterThanOrEqual(0);
    expect(starts.at(-1)).toBeLessThanOrEqual(90_000);
  });

  it('mixes both currencies and every payment path, most orders paid at once', () => {
    const share = (test: (order: (typeof orders)[number]) => boolean) => orders.filter(test).length / orders.length;
    expect(share((order) => order.currency === 'USD')).toBeGreaterThan(0.35);
    expect(share((order) => order.currency === 'INR')).toBeGreaterThan(0.35);
    expect(share((order) => order.path === 'instant')).toBeGreaterThan(0.6);
    for (const path of ['hosted', 'declined-then-paid', 'unpaid'] as const) expect(share((order) => order.path === path)).toBeGreaterThan(0.04);
  });

  it('pays on the hosted page 1 to 5 s after checkout answered', () => {
    for (const order of orders.filter((planned) => planned.path === 'hosted')) {
      expect(order.payDelayMs).toBeGreaterThanOrEqual(1000);
      expect(order.payDelayMs).toBeLessThanOrEqual(5000);
    }
  });

  it('kills every process the asked number of times inside the load window, and restarts the broker in its middle', () => {
    const targets = [{ app: 'checkout', replica: 1 }, { app: 'checkout', replica: 2 }, { app: 'gateway', replica: 1 }];
    const faults = planFaults(targets, { kills: 2, brokerRestarts: 1, durationSeconds: 100, seed: 3 });
    expect(faults.filter((fault) => fault.target === 'checkout#2')).toHaveLength(2);
    expect(faults.filter((fault) => fault.kind === 'kill')).toHaveLength(6);
    expect(faults.map((fault) => fault.atMs)).toEqual([...faults.map((fault) => fault.atMs)].sort((a, b) => a - b));
    for (const fault of faults.filter((planned) => planned.kind === 'kill')) {
      expect(fault.atMs).toBeGreaterThanOrEqual(10_000);
      expect(fault.atMs).toBeLessThanOrEqual(85_000);
    }
    const [restart] = faults.filter((fault) => fault.kind === 'broker-restart');
    expect(restart.atMs).toBeGreaterThanOrEqual(30_000);
    expect(restart.atMs).toBeLessThanOrEqual(70_000);
  });
});
