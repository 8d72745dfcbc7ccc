import { DeliveryFaults, copiesToDeliver } from '../domain/delivery-faults';
import type { RunFaultPlan } from '../domain/run-faults';
import { SandboxRuntime, unixSeconds } from '../domain/sandbox-runtime';
import { StripeEventRequest, buildStripeEvent, reorderKeyOf } from '../stripe/stripe-event';
import { ReorderGate } from './reorder.gate';
import { LoggedEvent, StripeEventLog } from './stripe-event.log';
import { WebhookDispatcher } from './webhook.dispatcher';

export interface StripeWebhookPublisherOptions {
  readonly apiVersion: string;
  /** The one webhook endpoint; null records events without delivering them. */
  readonly endpoint: string | null;
}

/**
 * Creates Stripe events, logs them and hands them to the dispatcher with the faults in force (the
 * run's, then the request's). A `reorder` event waits until the next event about the same
 * PaymentIntent (or, for billing objects, the same subscription) has been delivered.
 */
export class StripeWebhookPublisher {
  private readonly gate = new ReorderGate();

  constructor(
    private readonly options: StripeWebhookPublisherOptions,
    private readonly log: StripeEventLog,
    private readonly dispatcher: WebhookDispatcher,
    private readonly runtime: SandboxRuntime,
    private readonly runFaults: RunFaultPlan,
  ) {}

  /** `createdAt` (unix seconds): when the event happened, for objects on a test clock; else now. */
  publish(
    type: string, object: unknown, request: StripeEventRequest, faults: DeliveryFaults = {}, previousAttributes?: Record<string, unknown>, createdAt?: number,
  ): LoggedEvent {
    const applied = this.runFaults.forEvent(faults);
    const event = buildStripeEvent({
      id: this.runtime.newId('evt'),
      type,
      object,
      created: createdAt ?? unixSeconds(this.runtime.now()),
      apiVersion: this.options.apiVersion,
      request,
      pendingWebhooks: this.options.endpoint ? 1 : 0,
      previousAttributes,
    });
    const logged = this.log.add(event, applied, copiesToDeliver(applied), this.options.endpoint);
    this.gate.send(reorderKeyOf(object), () => this.dispatcher.dispatch(logged), applied);
    return logged;
  }
}
