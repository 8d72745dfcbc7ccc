import type { DeliveryFaults } from '../domain/delivery-faults';
import { SandboxRuntime, unixSeconds } from '../domain/sandbox-runtime';
import type { StripeWebhookPublisher } from '../webhooks/stripe-webhook.publisher';
import { CancellationReason, CreatePaymentIntentParams, SandboxPaymentIntent, newPaymentIntent } from './payment-intent';
import { PaymentIntentCommand, decide } from './payment-intent.decider';
import type { StripeEventRequest } from './stripe-event';

export interface PublishedEvent {
  readonly id: string;
  readonly type: string;
}

export type PaymentIntentOutcome =
  | { readonly ok: true; readonly intent: SandboxPaymentIntent; readonly event: PublishedEvent }
  | { readonly ok: false; readonly reason: 'not_found' }
  | { readonly ok: false; readonly reason: 'unexpected_state'; readonly intent: SandboxPaymentIntent; readonly allowedFrom: readonly string[] };

/** What happens to a PaymentIntent, who caused it, and which delivery faults to apply to its event. */
export interface ChangeContext {
  readonly request: StripeEventRequest;
  readonly faults?: DeliveryFaults;
}

export interface DeclineDetails {
  readonly declineCode?: string;
  readonly message?: string;
}

/** The sandbox's PaymentIntents, in memory, and the events each change emits. */
export class PaymentIntents {
  private readonly intents = new Map<string, SandboxPaymentIntent>();
  /** When each PaymentIntent succeeded (unix seconds): its charge's `created`, and its day in the settlement report. */
  private readonly paidAt = new Map<string, number>();

  constructor(
    private readonly runtime: SandboxRuntime,
    private readonly publisher: StripeWebhookPublisher,
  ) {}

  create(params: CreatePaymentIntentParams, context: ChangeContext): { intent: SandboxPaymentIntent; event: PublishedEvent } {
    const intent = newPaymentIntent(this.runtime.newId('pi'), params, unixSeconds(this.runtime.now()));
    this.intents.set(intent.id, intent);
    return { intent, event: this.publish('payment_intent.created', intent, context) };
  }

  find(id: string): SandboxPaymentIntent | undefined {
    return this.intents.get(id);
  }

  /** Newest first; `orderId` filters on `metadata.order_id`. */
  list(filter: { orderId?: string } = {}): SandboxPaymentIntent[] {
    return [...this.intents.values()].filter((intent) => !filter.orderId || intent.metadata.order_id === filter.orderId).reverse();
  }

  succeededAt(id: string): number | undefined {
    return this.paidAt.get(id);
  }

  /** The PaymentIntent whose latest charge is `chargeId`. */
  findByCharge(chargeId: string): SandboxPaymentIntent | undefined {
    return [...this.intents.values()].find((intent) => intent.latest_charge === chargeId);
  }

  pay(id: string, context: ChangeContext): PaymentIntentOutcome {
    return this.apply(id, { type: 'Pay', chargeId: this.runtime.newId('ch'), paymentMethodId: this.runtime.newId('pm') }, context);
  }

  decline(id: string, details: DeclineDetails, context: ChangeContext): PaymentIntentOutcome {
    return this.apply(id, {
      type: 'Decline',
      chargeId: this.runtime.newId('ch'),
      declineCode: details.declineCode ?? 'generic_decline',
      message: details.message ?? 'Your card was declined.',
    }, context);
  }

  cancel(id: string, reason: CancellationReason | null, context: ChangeContext): PaymentIntentOutcome {
    return this.apply(id, { type: 'Cancel', reason, at: unixSeconds(this.runtime.now()) }, context);
  }

  private apply(id: string, command: PaymentIntentCommand, context: ChangeContext): PaymentIntentOutcome {
    const current = this.intents.get(id);
    if (!current) return { ok: false, reason: 'not_found' };
    const decision = decide(current, command);
    if (!decision.ok) return { ok: false, reason: 'unexpected_state', intent: current, allowedFrom: decision.allowedFrom };
    this.intents.set(id, decision.intent);
    if (decision.intent.status === 'succeeded') this.paidAt.set(id, unixSeconds(this.runtime.now()));
    return { ok: true, intent: decision.intent, event: this.publish(decision.emits, decision.intent, context) };
  }

  private publish(type: string, intent: SandboxPaymentIntent, context: ChangeContext): PublishedEvent {
    const logged = this.publisher.publish(type, intent, context.request, context.faults);
    return { id: logged.event.id, type };
  }
}
