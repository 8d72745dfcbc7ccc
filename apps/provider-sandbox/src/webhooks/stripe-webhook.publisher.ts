import { DeliveryFaults, MAX_REORDER_HOLD_MS, copiesToDeliver, mergeFaults } from '../domain/delivery-faults';
import { ReorderHolds } from '../domain/reorder-holds';
import { SandboxRuntime, unixSeconds } from '../domain/sandbox-runtime';
import { StripeEventRequest, buildStripeEvent, paymentIntentOf } from '../stripe/stripe-event';
import { LoggedEvent, StripeEventLog } from './stripe-event.log';
import { WebhookDispatcher } from './webhook.dispatcher';

export interface StripeWebhookPublisherOptions {
  readonly apiVersion: string;
  /** The one webhook endpoint; null records events without delivering them. */
  readonly endpoint: string | null;
}

/**
 * Creates Stripe events, logs them and hands them to the dispatcher with the faults in force. A
 * `reorder` event waits until the next event about the same PaymentIntent has been delivered.
 */
export class StripeWebhookPublisher {
  private defaults: DeliveryFaults = {};
  private readonly holds = new ReorderHolds<LoggedEvent>();

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
    const payment = paymentIntentOf(object);
    const admitted = this.holds.admit(payment, logged, applied.reorder === true);
    if (admitted.hold) {
      this.giveUpWaitingLater(payment as string, logged);
      return logged;
    }
    const delivered = this.dispatcher.dispatch(logged);
    for (const held of admitted.after) void delivered.then(() => this.dispatcher.dispatch(held));
    return logged;
  }

  /** A held event whose payment sees no further event is delivered anyway, late. */
  private giveUpWaitingLater(payment: string, logged: LoggedEvent): void {
    setTimeout(() => {
      if (this.holds.giveUp(payment, logged)) void this.dispatcher.dispatch(logged);
    }, MAX_REORDER_HOLD_MS).unref();
  }
}
