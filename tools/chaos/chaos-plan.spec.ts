import { MIN_STEP_GAP_MS, PlannedSubscription, planFaults, planOrders, planSubscriptions } from './chaos-plan';

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

  describe('subscribers', () => {
    const options = { stripeSubscriptions: 20, cashfreeSubscriptions: 20, durationSeconds: 90, seed: 7, runId: 'run' };
    const subscribers = planSubscriptions(options);
    const of = (provider: PlannedSubscription['provider']) => subscribers.filter((subscriber) => subscriber.provider === provider);

    it('plans the same subscribers for the same seed, and others for another seed', () => {
      expect(planSubscriptions(options)).toEqual(subscribers);
      expect(planSubscriptions({ ...options, seed: 8 })).not.toEqual(subscribers);
    });

    it('subscribes the asked number on each provider, Stripe in USD and Cashfree in INR, each its own user', () => {
      expect(of('stripe')).toHaveLength(20);
      expect(of('cashfree')).toHaveLength(20);
      expect(of('stripe').every((subscriber) => subscriber.currency === 'USD')).toBe(true);
      expect(of('cashfree').every((subscriber) => subscriber.currency === 'INR')).toBe(true);
      expect(new Set(subscribers.map((subscriber) => subscriber.userId)).size).toBe(40);
    });

    it('gives even four subscribers per provider every path', () => {
      for (const seed of [1, 2, 3, 4, 5]) {
        const few = planSubscriptions({ ...options, stripeSubscriptions: 4, cashfreeSubscriptions: 4, seed });
        for (const provider of ['stripe', 'cashfree'] as const) {
          const paths = new Set(few.filter((subscriber) => subscriber.provider === provider).map((subscriber) => subscriber.path));
          expect([...paths].sort()).toEqual(['abandoned', 'cancelled', 'failing-then-recovering', 'renewing']);
        }
      }
    });

    it('subscribes in the first 40% of the window and spreads the steps, in order and apart, up to 90% of it', () => {
      for (const subscriber of subscribers) {
        expect(subscriber.startAtMs).toBeLessThanOrEqual(36_000);
        let previous = subscriber.startAtMs;
        for (const step of subscriber.steps) {
          expect(step.atMs - previous).toBeGreaterThanOrEqual(MIN_STEP_GAP_MS);
          previous = step.atMs;
        }
        expect(previous).toBeLessThanOrEqual(81_000);
      }
    });

    it('renews one to three times, recovers every failed renewal, and ends a cancelled Stripe subscription at period end', () => {
      const kinds = (subscriber: PlannedSubscription) => subscriber.steps.map((step) => step.kind);
      for (const subscriber of subscribers) {
        const steps = kinds(subscriber);
        const renewals = steps.filter((kind) => kind === 'renew').length;
        if (subscriber.path === 'renewing') expect(steps.every((kind) => kind === 'renew') && renewals >= 1 && renewals <= 3).toBe(true);
        if (subscriber.path === 'failing-then-recovering') expect(steps.join(' ')).toMatch(/(^|renew )fail-renewal retry-pays( renew)?$/);
        if (subscriber.path === 'cancelled') expect(steps.slice(renewals)).toEqual(subscriber.provider === 'stripe' ? ['cancel', 'end'] : ['cancel']);
        if (subscriber.path === 'abandoned') expect(steps).toEqual([]);
      }
    });
  });
});
