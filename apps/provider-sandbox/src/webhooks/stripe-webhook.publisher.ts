import { DeliveryFaults, copiesToDeliver, mergeFaults } from '../domain/delivery-faults';
import { SandboxRuntime, unixSeconds } from '../domain/sandbox-runtime';
import { StripeEventRequest, buildStripeEvent } from '../stripe/stripe-event';
import { LoggedEvent, StripeEventLog } from './stripe-event.log';
import { WebhookDispatcher } from './webhook.dispatcher';

export interface StripeWebhookPublisherOptions {
  readonly apiVersion: string;
  /** The one webhook endpoint; null records events without delivering them. */
  readonly endpoint: string | null;
}

/** Creates Stripe events, logs them and hands them to the dispatcher with the faults in force. */
export class StripeWebhookPublisher {
  private defaults: DeliveryFaults = {};

  constructor(
    private readonly options: StripeWebhookPublisherOptions,
    private readonly log: StripeEventLog,
    private readonly dispatcher: WebhookDispatcher,
    private readonly runtime: SandboxRuntime,
  ) {}

  /** The faults applied to every event unless a request overrides them. */
  get defaultFaults(): DeliveryFaults {
    return this.defaults;
  }

  set defaultFaults(faults: DeliveryFaults) {
    this.defaults = faults;
  }

  publish(type: string, object: unknown, request: StripeEventRequest, faults: DeliveryFaults = {}): LoggedEvent {
    const applied = mergeFaults(this.defaults, faults);
    const event = buildStripeEvent({
      id: this.runtime.newId('evt'),
      type,
      object,
      created: unixSeconds(this.runtime.now()),
      apiVersion: this.options.apiVersion,
      request,
      pendingWebhooks: this.options.endpoint ? 1 : 0,
    });
    const logged = this.log.add(event, applied, copiesToDeliver(applied), this.options.endpoint);
    this.dispatcher.dispatch(logged);
    return logged;
  }
}
