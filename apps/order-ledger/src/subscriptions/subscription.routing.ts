import { Envelope, SubscriptionCheckoutOpened, SubscriptionPaymentFailed, SubscriptionPaymentSucceeded, SubscriptionStatusReported, isMessage } from '@payments/contracts';
import { SubscriptionCommand } from './domain/subscription.decider';

/** checkout.events and payments.provider-events -> commands on the subscription aggregate. */
export function subscriptionCommandFor(envelope: Envelope): { subscriptionId: string; command: SubscriptionCommand } | null {
  if (isMessage(envelope, SubscriptionCheckoutOpened)) {
    const { subscriptionId, userId, planId, interval, amountMinor, currency, breakdown, provider, providerReference } = envelope.payload;
    return { subscriptionId, command: { type: 'PlaceSubscription', data: { subscriptionId, userId, planId, interval, amountMinor, currency, breakdown, provider, providerReference } } };
  }
  if (isMessage(envelope, SubscriptionPaymentSucceeded)) {
    const { subscriptionId, provider: _provider, ...fact } = envelope.payload;
    return { subscriptionId, command: { type: 'RecordSubscriptionFact', data: { kind: 'payment', ...fact } } };
  }
  if (isMessage(envelope, SubscriptionPaymentFailed)) {
    const { subscriptionId, provider: _provider, ...fact } = envelope.payload;
    return { subscriptionId, command: { type: 'RecordSubscriptionFact', data: { kind: 'failure', ...fact } } };
  }
  if (isMessage(envelope, SubscriptionStatusReported)) {
    const { subscriptionId, provider: _provider, ...fact } = envelope.payload;
    return { subscriptionId, command: { type: 'RecordSubscriptionFact', data: { kind: 'status', ...fact } } };
  }
  return null;
}
