import { SandboxRuntime, unixSeconds } from '../domain/sandbox-runtime';
import type { StripeWebhookPublisher } from '../webhooks/stripe-webhook.publisher';
import { CheckoutLineItem, CreateCheckoutSessionParams, PaymentIntentData, SandboxCheckoutSession, SubscriptionData, newCheckoutSession } from './checkout-session';
import { CheckoutSessionCommand, SubscriptionLinks, decide } from './checkout-session.decider';
import type { SandboxPaymentIntent } from './payment-intent';
import type { ChangeContext, DeclineDetails, PaymentIntentOutcome, PaymentIntents } from './payment-intents.service';
import { NO_API_REQUEST } from './stripe-event';

interface StoredSession {
  readonly session: SandboxCheckoutSession;
  readonly lineItems: readonly CheckoutLineItem[];
  readonly paymentIntentData: PaymentIntentData;
  /** Subscription mode: the recurring price the session's line bills. */
  readonly subscriptionPriceId: string | null;
  readonly subscriptionData: SubscriptionData;
}

/** Subscription mode: what paying the session starts (the sandbox's Stripe Billing). */
export interface SubscriptionStarter {
  start(session: SandboxCheckoutSession, line: { priceId: string; quantity: number }, subscriptionData: SubscriptionData, context: ChangeContext): SubscriptionLinks;
}

export type CheckoutSessionOutcome =
  | { readonly ok: true; readonly session: SandboxCheckoutSession; readonly intent: SandboxPaymentIntent | null }
  | { readonly ok: false; readonly reason: 'not_found' }
  | { readonly ok: false; readonly reason: 'not_open'; readonly session: SandboxCheckoutSession }
  /** The session's PaymentIntent refused the attempt (it was canceled or already paid elsewhere). */
  | { readonly ok: false; readonly reason: 'payment_refused'; readonly outcome: PaymentIntentOutcome };

/**
 * The sandbox's Checkout Sessions, in memory. As at Stripe (API 2022-08-01 and later), a session's
 * PaymentIntent is created at the customer's first payment attempt, carrying `payment_intent_data`.
 * Paying emits `payment_intent.succeeded` then `checkout.session.completed`; expiring emits
 * `checkout.session.expired` and cancels a PaymentIntent left unpaid. A session past `expires_at`
 * expires the next time anyone looks at it. A subscription-mode session has no PaymentIntent:
 * paying it starts the subscription (its own events), then emits `checkout.session.completed`; a
 * declined card leaves it open without an event, as Stripe's page shows the error in place.
 */
export class CheckoutSessions {
  private readonly sessions = new Map<string, StoredSession>();

  constructor(
    private readonly runtime: SandboxRuntime,
    private readonly intents: PaymentIntents,
    private readonly publisher: StripeWebhookPublisher,
    private readonly billing: SubscriptionStarter | null = null,
  ) {}

  /** `pageBaseUrl`: where the customer reaches the sandbox, for the session's `url`. Stripe sends no event for a new session. */
  create(params: CreateCheckoutSessionParams & { subscriptionPriceId?: string }, pageBaseUrl: string): SandboxCheckoutSession {
    // Test-mode session ids read cs_test_...
    const session = newCheckoutSession(this.runtime.newId('cs_test'), params, unixSeconds(this.runtime.now()), pageBaseUrl);
    this.sessions.set(session.id, {
      session, lineItems: params.lineItems, paymentIntentData: params.paymentIntentData, subscriptionPriceId: params.subscriptionPriceId ?? null,
      subscriptionData: params.subscriptionData ?? { metadata: {} },
    });
    return session;
  }

  find(id: string): SandboxCheckoutSession | undefined {
    return this.current(id)?.session;
  }

  lineItemsOf(id: string): readonly CheckoutLineItem[] {
    return this.sessions.get(id)?.lineItems ?? [];
  }

  /** Newest first; `orderId` filters on `metadata.order_id`. */
  list(filter: { orderId?: string } = {}): SandboxCheckoutSession[] {
    return [...this.sessions.keys()].map((id) => this.find(id) as SandboxCheckoutSession)
      .filter((session) => !filter.orderId || session.metadata.order_id === filter.orderId).reverse();
  }

  pay(id: string, context: ChangeContext): CheckoutSessionOutcome {
    const stored = this.current(id);
    if (stored?.subscriptionPriceId && this.billing) return this.paySubscription(stored, stored.subscriptionPriceId, context);
    return this.attempt(id, context, (intentId) => this.intents.pay(intentId, context), { type: 'Complete' });
  }

  /** A declined card: the PaymentIntent records the failure, the session stays open for another try. */
  decline(id: string, details: DeclineDetails, context: ChangeContext): CheckoutSessionOutcome {
    const stored = this.current(id);
    if (stored?.subscriptionPriceId && stored.session.status === 'open') return { ok: true, session: stored.session, intent: null };
    return this.attempt(id, context, (intentId) => this.intents.decline(intentId, details, context), null);
  }

  expire(id: string, context: ChangeContext): CheckoutSessionOutcome {
    const stored = this.current(id);
    return stored ? this.expireStored(stored, context) : { ok: false, reason: 'not_found' };
  }

  private paySubscription(stored: StoredSession, priceId: string, context: ChangeContext): CheckoutSessionOutcome {
    if (stored.session.status !== 'open') return { ok: false, reason: 'not_open', session: stored.session };
    const line = { priceId, quantity: stored.lineItems[0]?.quantity ?? 1 };
    const billing = (this.billing as SubscriptionStarter).start(stored.session, line, stored.subscriptionData, context);
    return this.apply(stored, { type: 'Complete', billing }, context);
  }

  private expireStored(stored: StoredSession, context: ChangeContext): CheckoutSessionOutcome {
    const expired = this.apply(stored, { type: 'Expire' }, context);
    if (!expired.ok) return expired;
    const intentId = expired.session.payment_intent;
    const canceled = intentId && this.intents.find(intentId)?.status === 'requires_payment_method'
      ? this.intents.cancel(intentId, 'abandoned', context) : null;
    return { ...expired, intent: canceled?.ok ? canceled.intent : this.intentOf(expired.session) };
  }

  private attempt(
    id: string, context: ChangeContext, act: (intentId: string) => PaymentIntentOutcome, then: CheckoutSessionCommand | null,
  ): CheckoutSessionOutcome {
    const stored = this.current(id);
    if (!stored) return { ok: false, reason: 'not_found' };
    if (stored.session.status !== 'open') return { ok: false, reason: 'not_open', session: stored.session };
    const withIntent = this.ensureIntent(stored, context);
    const outcome = act(withIntent.session.payment_intent as string);
    if (!outcome.ok) return { ok: false, reason: 'payment_refused', outcome };
    if (!then) return { ok: true, session: withIntent.session, intent: outcome.intent };
    const changed = this.apply(withIntent, then, context);
    return changed.ok ? { ...changed, intent: outcome.intent } : changed;
  }

  private ensureIntent(stored: StoredSession, context: ChangeContext): StoredSession {
    if (stored.session.payment_intent) return stored;
    const { session, paymentIntentData } = stored;
    const { intent } = this.intents.create({
      amount: session.amount_total, currency: session.currency, description: paymentIntentData.description, metadata: paymentIntentData.metadata,
      receiptEmail: paymentIntentData.receiptEmail, automaticPaymentMethods: false, paymentMethodTypes: session.payment_method_types,
    }, { request: context.request });
    const attached = this.apply(stored, { type: 'AttachPaymentIntent', paymentIntentId: intent.id }, context);
    return attached.ok ? (this.sessions.get(session.id) as StoredSession) : stored;
  }

  private apply(stored: StoredSession, command: CheckoutSessionCommand, context: ChangeContext): CheckoutSessionOutcome {
    const decision = decide(stored.session, command);
    if (!decision.ok) return { ok: false, reason: 'not_open', session: stored.session };
    this.sessions.set(decision.session.id, { ...stored, session: decision.session });
    if (decision.emits) this.publisher.publish(decision.emits, decision.session, context.request, context.faults);
    return { ok: true, session: decision.session, intent: this.intentOf(decision.session) };
  }

  /** The stored session, expired first if its `expires_at` has passed. */
  private current(id: string): StoredSession | undefined {
    const stored = this.sessions.get(id);
    if (!stored || stored.session.status !== 'open' || unixSeconds(this.runtime.now()) < stored.session.expires_at) return stored;
    // Stripe expires sessions in the background: no API request causes it.
    this.expireStored(stored, { request: NO_API_REQUEST });
    return this.sessions.get(id);
  }

  private intentOf(session: SandboxCheckoutSession): SandboxPaymentIntent | null {
    return session.payment_intent ? this.intents.find(session.payment_intent) ?? null : null;
  }
}
