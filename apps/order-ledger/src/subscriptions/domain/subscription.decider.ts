import { SubscriptionEvent, SubscriptionFact, SubscriptionPlacedData } from './subscription.events';
import { PlacedSubscription, SubscriptionState, evolveSubscription, periodOf } from './subscription.view';

export type SubscriptionCommand =
  | { type: 'PlaceSubscription'; data: Omit<SubscriptionPlacedData, 'placedAt'> }
  | { type: 'RecordSubscriptionFact'; data: SubscriptionFact };

export type SubscriptionErrorCode =
  /** A second, different checkout for a subscription that is already placed. */
  | 'SUBSCRIPTION.ALREADY_PLACED';

export class SubscriptionError extends Error {
  constructor(
    readonly code: SubscriptionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SubscriptionError';
  }
}

/*
 * The subscription aggregate as a decider. Facts before placement wait on the stream and are
 * decided at placement. A fact already recorded (same provider event, or a payment already
 * booked) yields nothing; everything else is recorded, and the status is derived from all facts
 * (viewOf), so any order and any duplication of a subscription's facts ends in the same state.
 */
export function decideSubscription(command: SubscriptionCommand, state: SubscriptionState, now: Date): SubscriptionEvent[] {
  const at = now.toISOString();
  if (command.type === 'PlaceSubscription') return place(command.data, state, at);
  if (!state.placed) {
    const known = state.earlyFacts.some((fact) => fact.providerEventId === command.data.providerEventId);
    return known ? [] : [{ type: 'SubscriptionFactReceivedEarly', data: { fact: command.data, receivedAt: at } }];
  }
  return recordFact(command.data, state, at);
}

function place(data: Omit<SubscriptionPlacedData, 'placedAt'>, state: SubscriptionState, at: string): SubscriptionEvent[] {
  if (state.placed) {
    if (state.providerReference === data.providerReference && state.userId === data.userId) return [];
    throw new SubscriptionError('SUBSCRIPTION.ALREADY_PLACED', `subscription ${data.subscriptionId} is already placed with another provider session`);
  }
  const events: SubscriptionEvent[] = [{ type: 'SubscriptionPlaced', data: { ...data, placedAt: at } }];
  let current: SubscriptionState = evolveSubscription(state, events[0]);
  for (const fact of state.earlyFacts) {
    const decided = recordFact(fact, current as PlacedSubscription, at);
    current = decided.reduce(evolveSubscription, current);
    events.push(...decided);
  }
  return events;
}

function recordFact(fact: SubscriptionFact, state: PlacedSubscription, at: string): SubscriptionEvent[] {
  if (state.seenProviderEventIds.includes(fact.providerEventId)) return [];
  switch (fact.kind) {
    case 'payment': {
      const { providerEventId, providerPaymentId, amountMinor, currency, paidAt, billingReason } = fact;
      const recorded = state.paid.some((period) => period.providerPaymentId === providerPaymentId) || state.mismatchedPaymentIds.includes(providerPaymentId);
      if (recorded) return [];
      if (amountMinor !== state.amountMinor || currency !== state.currency) {
        return [{ type: 'SubscriptionPaymentMismatchRecorded', data: { providerEventId, providerPaymentId, amountMinor, currency, paidAt, recordedAt: at } }];
      }
      const period = periodOf(fact, state.interval);
      return [{ type: 'SubscriptionPeriodPaid', data: { providerEventId, providerPaymentId, ...period, amountMinor, currency, billingReason, paidAt } }];
    }
    case 'failure': {
      const { providerEventId, providerPaymentId, reason, nextAttemptAt, failedAt } = fact;
      const data = nextAttemptAt === undefined ? { providerEventId, providerPaymentId, reason, failedAt } : { providerEventId, providerPaymentId, reason, nextAttemptAt, failedAt };
      return [{ type: 'SubscriptionPaymentFailed', data }];
    }
    case 'status': {
      const { kind: _kind, providerSubscriptionId: _ref, ...report } = fact;
      return [{ type: 'SubscriptionStatusReported', data: report }];
    }
  }
}
