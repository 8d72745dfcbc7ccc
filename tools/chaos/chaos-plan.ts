import { createHash } from 'node:crypto';

/** A number in [0, 1) fixed by the seed and the names: the same run plans the same orders and faults. */
export function chance(seed: number, ...names: (string | number)[]): number {
  const digest = createHash('sha256').update([seed, ...names].join(':')).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

const between = (low: number, high: number, draw: number) => low + (high - low) * draw;

/** How the customer of one order pays. */
export type PaymentPath =
  /** Pays the moment checkout answers. */
  | 'instant'
  /** Opens the hosted page and pays there 1-5 s later. */
  | 'hosted'
  /** A declined attempt first, then a successful one. */
  | 'declined-then-paid'
  /** Never pays. */
  | 'unpaid';

export interface PlannedOrder {
  readonly index: number;
  readonly userId: string;
  readonly productId: string;
  /** USD goes to Stripe, INR to Cashfree. */
  readonly currency: 'USD' | 'INR';
  readonly path: PaymentPath;
  /** When to open the checkout, from the start of the load. */
  readonly startAtMs: number;
  /** For `hosted` and `declined-then-paid`: the wait before the (second) payment. */
  readonly payDelayMs: number;
}

const PRODUCTS = ['course-typescript-101', 'course-event-sourcing'];
/** Cumulative shares: 70% pay at once, 10% on the hosted page, 10% after a decline, 10% never. */
const PATHS: readonly [PaymentPath, number][] = [['instant', 0.7], ['hosted', 0.8], ['declined-then-paid', 0.9], ['unpaid', 1]];

export function planOrders(options: { orders: number; durationSeconds: number; seed: number; runId: string }): PlannedOrder[] {
  const { orders, durationSeconds, seed, runId } = options;
  const spacingMs = (durationSeconds * 1000) / orders;
  return Array.from({ length: orders }, (_, index) => {
    const path = PATHS.find(([, upTo]) => chance(seed, 'path', index) < upTo)?.[0] ?? 'instant';
    return {
      index,
      userId: `${runId}-user-${index}`,
      productId: PRODUCTS[Math.floor(chance(seed, 'product', index) * PRODUCTS.length)],
      currency: chance(seed, 'currency', index) < 0.5 ? 'USD' : 'INR',
      path,
      startAtMs: Math.round(spacingMs * (index + chance(seed, 'jitter', index))),
      payDelayMs: Math.round(path === 'hosted' ? between(1000, 5000, chance(seed, 'delay', index)) : between(300, 2000, chance(seed, 'delay', index))),
    };
  });
}

/** One process to SIGKILL: an app and its replica. */
export interface KillTarget {
  readonly app: string;
  readonly replica: number;
}

export interface PlannedFault {
  readonly kind: 'kill' | 'broker-restart';
  /** `checkout#2`, or `broker`. */
  readonly target: string;
  readonly atMs: number;
}

/**
 * `kills` moments per process and `brokerRestarts` broker restarts, at random in the load's window
 * (kills from 10% to 85% of it, broker restarts from 30% to 70%), in time order.
 */
export function planFaults(targets: readonly KillTarget[], options: { kills: number; brokerRestarts: number; durationSeconds: number; seed: number }): PlannedFault[] {
  const windowMs = options.durationSeconds * 1000;
  const kills = targets.flatMap(({ app, replica }) =>
    Array.from({ length: options.kills }, (_, kill): PlannedFault => ({
      kind: 'kill',
      target: `${app}#${replica}`,
      atMs: Math.round(windowMs * between(0.1, 0.85, chance(options.seed, 'kill', app, replica, kill))),
    })),
  );
  const restarts = Array.from({ length: options.brokerRestarts }, (_, restart): PlannedFault => ({
    kind: 'broker-restart',
    target: 'broker',
    atMs: Math.round(windowMs * between(0.3, 0.7, chance(options.seed, 'broker', restart))),
  }));
  return [...kills, ...restarts].sort((a, b) => a.atMs - b.atMs);
}
