import { Envelope, EnvelopeOrigin, PaymentAttemptFailed, PaymentSucceeded, Topic, buildMessage } from '@payments/contracts';
import { NeutralProviderEvent } from '@payments/providers';

export type RoutedProviderEvent =
  | { readonly publish: true; readonly topic: Topic; readonly toMessage: (origin: EnvelopeOrigin, at: Date) => Envelope }
  | { readonly publish: false; readonly reason: string };

/**
 * Which verified provider events go on `payments.provider-events`, as which message (keyed by our
 * order id). Events that name no order of ours are stored and acknowledged, never published.
 */
export function routeProviderEvent(event: NeutralProviderEvent): RoutedProviderEvent {
  const orderId = event.orderId;
  if (!orderId) return { publish: false, reason: 'event names no order of ours (metadata.order_id missing)' };
  const common = {
    orderId,
    provider: event.provider,
    providerEventId: event.providerEventId,
    providerPaymentId: event.providerObjectId,
  };
  switch (event.kind) {
    case 'payment.succeeded': {
      const { amountMinor, currency } = event;
      if (amountMinor === null || currency === null) {
        return { publish: false, reason: 'payment.succeeded without amount or currency' };
      }
      const payload = { ...common, amountMinor, currency, succeededAt: event.occurredAt };
      return {
        publish: true,
        topic: PaymentSucceeded.topic,
        toMessage: (origin, at) => buildMessage(PaymentSucceeded, { key: orderId, origin, occurredAt: at, payload }),
      };
    }
    case 'payment.failed': {
      const payload = { ...common, reason: event.reason ?? 'payment attempt failed', failedAt: event.occurredAt };
      return {
        publish: true,
        topic: PaymentAttemptFailed.topic,
        toMessage: (origin, at) => buildMessage(PaymentAttemptFailed, { key: orderId, origin, occurredAt: at, payload }),
      };
    }
    default:
      return { publish: false, reason: `${event.kind} is not routed yet` };
  }
}
