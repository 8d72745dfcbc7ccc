import { Envelope, SubscriptionEnded, SubscriptionPeriodPaid, isMessage } from '@payments/contracts';
import { SubscriptionFact } from './subscription-access.decider';

/**
 * The subscription facts access depends on, from `subscriptions.events`. SubscriptionPlaced,
 * SubscriptionPastDue and SubscriptionCancellationScheduled change no access (undefined): the
 * validity already says how long access is paid for, and the end arrives as SubscriptionEnded.
 */
export function subscriptionFactOf(envelope: Envelope): SubscriptionFact | undefined {
  if (isMessage(envelope, SubscriptionPeriodPaid)) {
    const { subscriptionId, userId, planId, periodEnd } = envelope.payload;
    return { type: 'PeriodPaid', data: { subscriptionId, userId, planId, periodEnd: new Date(periodEnd) } };
  }
  if (isMessage(envelope, SubscriptionEnded)) {
    const { subscriptionId, userId, planId } = envelope.payload;
    return { type: 'SubscriptionEnded', data: { subscriptionId, userId, planId } };
  }
  return undefined;
}
