import { FailureFact, PaymentFact, StatusFact, SubscriptionEvent } from './subscription.events';
import { SubscriptionCommand, decideSubscription } from './subscription.decider';
import { SubscriptionState, evolveSubscription, initialSubscriptionState } from './subscription.view';

export const SUBSCRIPTION_ID = '7d0f1f1e-8a51-4c8e-9a62-2f3b1b2c9d10';
export const NOW = new Date('2026-12-02T12:00:00.000Z');

export const placeCommand: SubscriptionCommand = {
  type: 'PlaceSubscription',
  data: {
    subscriptionId: SUBSCRIPTION_ID,
    userId: 'user-1',
    planId: 'plan-pro-monthly',
    interval: 'month',
    amountMinor: 1180,
    currency: 'USD',
    breakdown: { subtotalMinor: 1000, discountMinor: 0, taxMinor: 180, totalMinor: 1180 },
    provider: 'stripe',
    providerReference: 'cs_test_1',
  },
};

export const payment = (n: number, overrides: Partial<PaymentFact> = {}): PaymentFact => ({
  kind: 'payment',
  providerEventId: `evt_paid_${n}`,
  providerSubscriptionId: 'sub_1',
  providerPaymentId: `in_${n}`,
  amountMinor: 1180,
  currency: 'USD',
  periodStart: new Date(Date.UTC(2026, n, 1)).toISOString(),
  periodEnd: new Date(Date.UTC(2026, n + 1, 1)).toISOString(),
  billingReason: n === 0 ? 'create' : 'cycle',
  paidAt: new Date(Date.UTC(2026, n, 1, 0, 5)).toISOString(),
  ...overrides,
});

export const failure = (n: number, overrides: Partial<FailureFact> = {}): FailureFact => ({
  kind: 'failure',
  providerEventId: `evt_failed_${n}`,
  providerSubscriptionId: 'sub_1',
  providerPaymentId: `in_${n}`,
  reason: 'card_declined',
  failedAt: new Date(Date.UTC(2026, n, 1, 0, 1)).toISOString(),
  ...overrides,
});

export const status = (id: string, reportedAt: string, overrides: Partial<StatusFact> = {}): StatusFact => ({
  kind: 'status',
  providerEventId: id,
  providerSubscriptionId: 'sub_1',
  status: 'active',
  cancelAtPeriodEnd: false,
  reportedAt,
  ...overrides,
});

export const fact = (data: PaymentFact | FailureFact | StatusFact): SubscriptionCommand => ({ type: 'RecordSubscriptionFact', data });

/** Runs commands through decide + evolve, as the command service does. */
export function run(commands: readonly SubscriptionCommand[], state: SubscriptionState = initialSubscriptionState()): { state: SubscriptionState; events: SubscriptionEvent[] } {
  const events: SubscriptionEvent[] = [];
  for (const command of commands) {
    const decided = decideSubscription(command, state, NOW);
    state = decided.reduce(evolveSubscription, state);
    events.push(...decided);
  }
  return { state, events };
}
