import Stripe from 'stripe';
import { eventually } from '@payments/testing';
import { RunningSandbox, TEST_SECRET_KEY, TEST_WEBHOOK_SECRET, WebhookReceiver } from './sandbox-harness.fixture';
import { controlCall, getJson } from './stripe-sandbox-calls.fixture';

/** The official SDK, as a backend configures it, pointed at the sandbox. */
export function stripeSdkFor(sandbox: RunningSandbox): Stripe {
  return new Stripe(TEST_SECRET_KEY, { host: '127.0.0.1', port: sandbox.port, protocol: 'http', maxNetworkRetries: 0, telemetry: false });
}

/** The event types the sandbox emitted about one subscription (its invoices and Checkout Session included), in the order it emitted them. */
export async function emittedTypes(sandbox: RunningSandbox, subscriptionId: string): Promise<string[]> {
  const answer = await getJson<{ data: { type: string }[] }>(sandbox, `/_sandbox/stripe/events?subscription=${subscriptionId}`);
  return answer.body.data.map((event) => event.type);
}

/**
 * The `index`-th delivery of `type` about `objectId`, once it arrived, verified with the SDK's
 * `constructEvent` as webhook-ingest verifies it.
 */
export function verifiedEvent(sdk: Stripe, receiver: WebhookReceiver, objectId: string, type: string, index = 0): Promise<Stripe.Event> {
  return eventually(async () => {
    const delivery = receiver.deliveriesOf(objectId, type)[index];
    if (!delivery) return undefined;
    return sdk.webhooks.constructEvent(delivery.rawBody, delivery.headers['stripe-signature'] as string, TEST_WEBHOOK_SECRET);
  }, 15_000, `${type} #${index + 1} of ${objectId}`);
}

/** Sets how the subscription's next charges turn out. */
export async function renewalOutcome(sandbox: RunningSandbox, subscriptionId: string, outcome: 'pay' | 'fail', faults: unknown = {}): Promise<void> {
  const answer = await controlCall(sandbox, `/_sandbox/stripe/subscriptions/${subscriptionId}/renewal-outcome`, { outcome, faults });
  if (answer.status !== 200) throw new Error(`renewal-outcome refused: ${JSON.stringify(answer.body)}`);
}
