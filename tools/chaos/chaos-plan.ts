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

/** What one subscriber does after subscribing. */
export type SubscriberPath =
  /** Pays at once, then renews one to three times. */
  | 'renewing'
  /** Pays at once; one renewal fails (past due) and its retry pays. */
  | 'failing-then-recovering'
  /** Pays at once, may renew, then cancels at period end through the gateway; the period ends. */
  | 'cancelled'
  /** Never pays: Stripe's Checkout Session is left open, Cashfree's mandate is declined. */
  | 'abandoned';

/**
 * One thing the provider's clock or the subscriber does: `renew` moves to the next period (Stripe:
 * the test clock past the period end; Cashfree: the next scheduled charge), `fail-renewal` does the
 * same with the charge failing, `retry-pays` lets the provider's retry pay, `cancel` asks the
 * gateway to cancel at period end, `end` moves the Stripe clock past that end (Cashfree has no
 * cancel at period end: its cancel ends the subscription at once).
 */
export type SubscriptionStepKind = 'renew' | 'fail-renewal' | 'retry-pays' | 'cancel' | 'end';

export interface PlannedSubscriptionStep {
  readonly kind: SubscriptionStepKind;
  /** From the start of the load. */
  readonly atMs: number;
}

export interface PlannedSubscription {
  /** From 0 across both providers. */
  readonly index: number;
  readonly userId: string;
  readonly provider: 'stripe' | 'cashfree';
  /** USD for Stripe, INR for Cashfree. */
  readonly currency: 'USD' | 'INR';
  readonly planId: string;
  readonly path: SubscriberPath;
  /** When to subscribe, from the start of the load; the first period is paid the moment the gateway answers. */
  readonly startAtMs: number;
  /** In time order, each at least `MIN_STEP_GAP_MS` after the one before. */
  readonly steps: readonly PlannedSubscriptionStep[];
}

const EVERY_SUBSCRIBER_PATH: readonly SubscriberPath[] = ['renewing', 'failing-then-recovering', 'cancelled', 'abandoned'];
/** Cumulative shares beyond each provider's first four: 40% renewing, 20% failing then recovering, 30% cancelled, 10% abandoned. */
const SUBSCRIBER_PATH_SHARES: readonly [SubscriberPath, number][] = [['renewing', 0.4], ['failing-then-recovering', 0.6], ['cancelled', 0.9], ['abandoned', 1]];

/** A provider's first four subscribers take the four paths in an order the seed shuffles (so even a small run has each), the others draw by share. */
function pathOf(seed: number, provider: PlannedSubscription['provider'], position: number): SubscriberPath {
  if (position < EVERY_SUBSCRIBER_PATH.length) {
    const order = [...EVERY_SUBSCRIBER_PATH].sort((a, b) => chance(seed, 'path-order', provider, a) - chance(seed, 'path-order', provider, b));
    return order[position];
  }
  return SUBSCRIBER_PATH_SHARES.find(([, upTo]) => chance(seed, 'subscriber-path', provider, position) < upTo)?.[0] ?? 'renewing';
}

/**
 * Cashfree stamps its webhooks to the second and the books count its period from the charge: a
 * subscriber's steps stay this far apart (the load keeps the gap when it runs behind the plan), so
 * no two charges of one subscription share a second.
 */
export const MIN_STEP_GAP_MS = 2_000;

function stepsOf(path: SubscriberPath, provider: PlannedSubscription['provider'], draw: (name: string) => number): SubscriptionStepKind[] {
  const renewals = (most: number) => Array.from({ length: Math.floor(draw('renewals') * (most + 1)) }, (): SubscriptionStepKind => 'renew');
  switch (path) {
    case 'renewing':
      return ['renew', ...renewals(2)];
    case 'failing-then-recovering':
      return [...renewals(1), 'fail-renewal', 'retry-pays', ...(draw('after') < 0.5 ? ['renew' as const] : [])];
    case 'cancelled':
      return [...renewals(2), 'cancel', ...(provider === 'stripe' ? ['end' as const] : [])];
    case 'abandoned':
      return [];
  }
}

/**
 * Stripe subscribers first, then Cashfree's, each on a path (`pathOf`). Each subscribes in the
 * first 40% of the load window and spreads its steps
 * evenly (with jitter) up to 90% of it, so renewals, failures and cancellations happen while
 * processes are being killed.
 */
export function planSubscriptions(options: { stripeSubscriptions: number; cashfreeSubscriptions: number; durationSeconds: number; seed: number; runId: string }): PlannedSubscription[] {
  const { seed, runId } = options;
  const windowMs = options.durationSeconds * 1000;
  const providers = [
    ...Array.from({ length: options.stripeSubscriptions }, () => 'stripe' as const),
    ...Array.from({ length: options.cashfreeSubscriptions }, () => 'cashfree' as const),
  ];
  return providers.map((provider, index): PlannedSubscription => {
    const draw = (name: string) => chance(seed, 'subscriber', name, index);
    const path = pathOf(seed, provider, provider === 'stripe' ? index : index - options.stripeSubscriptions);
    const startAtMs = Math.round(windowMs * 0.4 * draw('start'));
    const kinds = stepsOf(path, provider, draw);
    const slotMs = Math.max(MIN_STEP_GAP_MS, (windowMs * 0.9 - startAtMs) / (kinds.length + 1));
    let atMs = startAtMs;
    const steps = kinds.map((kind, step): PlannedSubscriptionStep => {
      const jittered = startAtMs + slotMs * (step + 1 + 0.4 * (chance(seed, 'subscriber-step', index, step) - 0.5));
      atMs = Math.round(Math.max(atMs + MIN_STEP_GAP_MS, jittered));
      return { kind, atMs };
    });
    return {
      index, userId: `${runId}-subscriber-${index}`, provider, currency: provider === 'stripe' ? 'USD' : 'INR', planId: 'plan-pro-monthly', path, startAtMs, steps,
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
