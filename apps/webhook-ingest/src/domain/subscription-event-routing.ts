import { SubscriptionPaymentFailed, SubscriptionPaymentSucceeded, SubscriptionStatusReported, buildMessage } from '@payments/contracts';
import { NeutralProviderEvent, NeutralSubscriptionFacts, isReasonCode } from '@payments/providers';
import type { RoutedProviderEvent } from './provider-event-routing';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Our subscription id as the messages carry it. One that is not a UUID is passed on as it came:
 * the message's contract refuses it, and webhook-ingest answers 400 (`WEBHOOK.INVALID_FIELD`), as it
 * does for a subscription event naming none (the adapters refuse those).
 */
const subscriptionIdOf = (facts: NeutralSubscriptionFacts) => (UUID.test(facts.subscriptionId) ? facts.subscriptionId.toLowerCase() : facts.subscriptionId);

/** Only codes are published, never the provider's words (see `publishableReason`). */
const codeOr = (code: string | undefined, fallback: string) => (isReasonCode(code) ? code : fallback);

/**
 * Which subscription facts go on `payments.provider-events`, as which message, keyed by our
 * subscription id: a paid period, a failed collection, the subscription's state.
 */
export function routeSubscriptionEvent(event: NeutralProviderEvent, facts: NeutralSubscriptionFacts): RoutedProviderEvent {
  const subscriptionId = subscriptionIdOf(facts);
  const common = {
    subscriptionId, provider: event.provider, providerEventId: event.providerEventId, providerSubscriptionId: facts.providerSubscriptionId,
  };
  switch (event.kind) {
    case 'subscription.payment_succeeded': {
      const { amountMinor, currency } = event;
      if (amountMinor === null || currency === null) return { publish: false, reason: 'subscription payment without amount or currency' };
      const payload = {
        ...common, providerPaymentId: event.providerObjectId, amountMinor, currency,
        ...(facts.periodStart ? { periodStart: facts.periodStart } : {}),
        ...(facts.periodEnd ? { periodEnd: facts.periodEnd } : {}),
        billingReason: facts.billingReason ?? 'cycle', paidAt: facts.paidAt ?? event.occurredAt,
      };
      return {
        publish: true,
        topic: SubscriptionPaymentSucceeded.topic,
        toMessage: (origin, at) => buildMessage(SubscriptionPaymentSucceeded, { key: subscriptionId, origin, occurredAt: at, payload }),
      };
    }
    case 'subscription.payment_failed': {
      const payload = {
        ...common, providerPaymentId: event.providerObjectId, reason: codeOr(event.reasonCode, 'payment_failed'),
        ...(facts.nextAttemptAt ? { nextAttemptAt: facts.nextAttemptAt } : {}), failedAt: event.occurredAt,
      };
      return {
        publish: true,
        topic: SubscriptionPaymentFailed.topic,
        toMessage: (origin, at) => buildMessage(SubscriptionPaymentFailed, { key: subscriptionId, origin, occurredAt: at, payload }),
      };
    }
    case 'subscription.status_reported': {
      if (!facts.status) return { publish: false, reason: 'subscription status report without a status' };
      const payload = {
        ...common, status: facts.status, cancelAtPeriodEnd: facts.cancelAtPeriodEnd ?? false,
        ...(facts.currentPeriodEnd ? { currentPeriodEnd: facts.currentPeriodEnd } : {}),
        ...(facts.status === 'ended' ? { endReason: codeOr(facts.endReason, 'ended') } : {}),
        reportedAt: event.occurredAt,
      };
      return {
        publish: true,
        topic: SubscriptionStatusReported.topic,
        toMessage: (origin, at) => buildMessage(SubscriptionStatusReported, { key: subscriptionId, origin, occurredAt: at, payload }),
      };
    }
    default:
      return { publish: false, reason: `${event.kind} carries subscription facts but is not a subscription event` };
  }
}
