import type { DeliveryFaults } from '../domain/delivery-faults';
import { SandboxRuntime, unixSeconds } from '../domain/sandbox-runtime';
import type { ChangeContext } from '../stripe/payment-intents.service';
import { NO_API_REQUEST } from '../stripe/stripe-event';
import type { StripeWebhookPublisher } from '../webhooks/stripe-webhook.publisher';
import type { Recurrence } from './billing-period';
import { CustomerRecord, invoiceNumber, invoicePrefixOf } from './billing-customer';
import type { InvoiceRecord, SubscriptionRecord } from './billing-records';
import { SandboxPrice, recurrenceOf } from './price';
import type { StripeCatalog } from './stripe-catalog.service';
import { BillingState, NewInvoiceIds, RenewalOutcome, SubscriptionCommand, attemptPayment, decide, nextDue, nextInvoice } from './subscription.decider';
import { invoiceView } from './invoice.views';
import { previousAttributes, subscriptionView } from './subscription.views';
import { TestClockRecord, checkAdvance } from './test-clock';
import type { TestClocks } from './test-clocks.service';

export interface StartSubscription {
  readonly price: SandboxPrice;
  readonly quantity: number;
  /** `subscription_data.metadata` of the Checkout Session. */
  readonly metadata: Readonly<Record<string, string>>;
  readonly email: string | null;
}

/** How a subscription's next charges turn out, and the delivery faults of the events they cause. */
export interface RenewalSetting {
  readonly outcome: RenewalOutcome;
  readonly faults: DeliveryFaults;
}

export type SubscriptionOutcome =
  | { readonly ok: true; readonly subscription: SubscriptionRecord }
  | { readonly ok: false; readonly reason: 'not_found' }
  | { readonly ok: false; readonly reason: 'canceled'; readonly subscription: SubscriptionRecord };

export type AdvanceOutcome =
  | { readonly ok: true; readonly clock: TestClockRecord }
  | { readonly ok: false; readonly reason: 'not_found' | 'not_after' | 'too_far'; readonly limit?: number };

/**
 * The sandbox's subscriptions, their invoices and customers, in memory. Each subscription lives on
 * its own test clock; advancing the clock renews, retries and ends it at the moments Stripe would,
 * one moment after another, each charge paying or failing as its renewal setting says.
 */
export class StripeSubscriptions {
  private readonly customers = new Map<string, CustomerRecord>();
  private readonly subscriptions = new Map<string, SubscriptionRecord>();
  private readonly invoices = new Map<string, InvoiceRecord>();
  private readonly renewals = new Map<string, RenewalSetting>();

  constructor(
    private readonly runtime: SandboxRuntime,
    private readonly publisher: StripeWebhookPublisher,
    private readonly catalog: StripeCatalog,
    private readonly clocks: TestClocks,
  ) {}

  /** What completing a subscription-mode Checkout Session creates: a clock, a customer, an active subscription and its paid first invoice. */
  start(params: StartSubscription, context: ChangeContext): BillingState & { customer: CustomerRecord } {
    const now = unixSeconds(this.runtime.now());
    const clock = this.clocks.create(now, 'provider-sandbox subscription');
    const customerId = this.runtime.newId('cus');
    const customer: CustomerRecord = { id: customerId, email: params.email, created: now, testClockId: clock.id, invoicePrefix: invoicePrefixOf(customerId), nextInvoiceSequence: 1 };
    const recurrence = recurrenceOf(params.price) as Recurrence;
    const ids = this.newInvoiceIds(customer);
    const subscription: SubscriptionRecord = {
      id: this.runtime.newId('sub'), itemId: this.runtime.newId('si'), customerId, testClockId: clock.id, priceId: params.price.id,
      productId: params.price.product, recurrence, unitAmount: params.price.unit_amount, quantity: params.quantity, currency: params.price.currency,
      metadata: params.metadata, created: now, anchor: now, cycle: 0, status: 'active', cancelAtPeriodEnd: false, canceledAt: null, endedAt: null,
      cancellationReason: null, latestInvoiceId: ids.invoiceId,
    };
    const invoice = attemptPayment(nextInvoice(subscription, ids, 'subscription_create', 0, now), 'pay', now);
    this.customers.set(customerId, { ...customer, nextInvoiceSequence: 2 });
    this.save({ subscription, invoice });
    this.publish('customer.subscription.created', this.view(subscription), context, now);
    for (const type of ['invoice.paid', 'invoice.payment_succeeded']) this.publish(type, invoiceView(invoice), context, now);
    return { subscription, invoice, customer };
  }

  find(id: string): SubscriptionRecord | undefined {
    return this.subscriptions.get(id);
  }

  findInvoice(id: string): InvoiceRecord | undefined {
    return this.invoices.get(id);
  }

  findCustomer(id: string): CustomerRecord | undefined {
    return this.customers.get(id);
  }

  /** Newest first. */
  listInvoices(filter: { subscription?: string; customer?: string; status?: string }): InvoiceRecord[] {
    return [...this.invoices.values()].reverse().filter((invoice) =>
      (!filter.subscription || invoice.subscriptionId === filter.subscription) && (!filter.customer || invoice.customerId === filter.customer)
      && (!filter.status || invoice.status === filter.status));
  }

  list(): SubscriptionRecord[] {
    return [...this.subscriptions.values()].reverse();
  }

  view(subscription: SubscriptionRecord) {
    return subscriptionView(subscription, this.catalog.findPrice(subscription.priceId) as SandboxPrice);
  }

  renewalSetting(id: string): RenewalSetting {
    return this.renewals.get(id) ?? { outcome: 'pay', faults: {} };
  }

  setRenewal(id: string, setting: RenewalSetting): boolean {
    if (!this.subscriptions.has(id)) return false;
    this.renewals.set(id, setting);
    return true;
  }

  /** `POST /v1/subscriptions/:id`: `cancel_at_period_end` and `metadata`; a canceled subscription takes metadata only. */
  update(id: string, change: { cancelAtPeriodEnd?: boolean; metadata?: Record<string, string> }, context: ChangeContext): SubscriptionOutcome {
    const current = this.subscriptions.get(id);
    if (!current) return { ok: false, reason: 'not_found' };
    if (current.status === 'canceled' && change.cancelAtPeriodEnd !== undefined) return { ok: false, reason: 'canceled', subscription: current };
    let next: SubscriptionRecord = change.metadata ? { ...current, metadata: mergeMetadata(current.metadata, change.metadata) } : current;
    if (change.cancelAtPeriodEnd !== undefined && change.cancelAtPeriodEnd !== current.cancelAtPeriodEnd) {
      const command: SubscriptionCommand = change.cancelAtPeriodEnd ? { type: 'ScheduleCancel', at: this.clockTime(current) } : { type: 'UnscheduleCancel' };
      const decision = decide(this.stateOf(next), command);
      if (decision.ok) next = decision.state.subscription;
    }
    if (next === current) return { ok: true, subscription: current };
    this.subscriptions.set(id, next);
    this.publish('customer.subscription.updated', this.view(next), context, this.clockTime(next), previousAttributes(this.view(current), this.view(next)));
    return { ok: true, subscription: next };
  }

  /** `DELETE /v1/subscriptions/:id`: canceled at once, at the clock's time. */
  cancel(id: string, context: ChangeContext): SubscriptionOutcome {
    const current = this.subscriptions.get(id);
    if (!current) return { ok: false, reason: 'not_found' };
    const decision = decide(this.stateOf(current), { type: 'CancelNow', at: this.clockTime(current) });
    if (!decision.ok) return { ok: false, reason: 'canceled', subscription: current };
    this.apply(current, decision, context);
    return { ok: true, subscription: decision.state.subscription };
  }

  /** Moves a test clock, applying on the way everything due on its subscriptions, in time order. */
  advanceClock(clockId: string, frozenTime: number): AdvanceOutcome {
    const clock = this.clocks.find(clockId);
    if (!clock) return { ok: false, reason: 'not_found' };
    const onClock = this.list().filter((subscription) => subscription.testClockId === clockId);
    const live = onClock.filter((subscription) => subscription.status !== 'canceled').map((subscription) => subscription.recurrence);
    const check = checkAdvance(clock, frozenTime, live);
    if (!check.ok) return check;
    for (const subscription of onClock.reverse()) this.runUntil(subscription.id, frozenTime);
    return { ok: true, clock: this.clocks.moveTo(clockId, frozenTime) };
  }

  private runUntil(id: string, frozenTime: number): void {
    for (;;) {
      const current = this.subscriptions.get(id) as SubscriptionRecord;
      const state = this.stateOf(current);
      const due = nextDue(state);
      if (!due || due.at > frozenTime) return;
      const { outcome, faults } = this.renewalSetting(id);
      const command: SubscriptionCommand = due.type === 'Renew'
        ? { type: 'Renew', at: due.at, outcome, ids: this.newInvoiceIds(this.customers.get(current.customerId) as CustomerRecord, true) }
        : due.type === 'Retry' ? { type: 'Retry', at: due.at, outcome } : { type: 'EndAtPeriodEnd', at: due.at };
      const decision = decide(state, command);
      if (!decision.ok) return;
      this.apply(current, decision, { request: NO_API_REQUEST, faults }, due.at);
    }
  }

  /** `at`: the test-clock time the change happens at (the events' `created`); the clock's current time when not given. */
  private apply(before: SubscriptionRecord, decision: Extract<ReturnType<typeof decide>, { ok: true }>, context: ChangeContext, at = this.clockTime(before)): void {
    const { subscription, invoice } = decision.state;
    this.save(decision.state);
    for (const type of decision.emits) {
      if (type.startsWith('invoice.')) this.publish(type, invoiceView(invoice), context, at);
      else if (type === 'customer.subscription.updated') this.publish(type, this.view(subscription), context, at, previousAttributes(this.view(before), this.view(subscription)));
      else this.publish(type, this.view(subscription), context, at);
    }
  }

  private stateOf(subscription: SubscriptionRecord): BillingState {
    return { subscription, invoice: this.invoices.get(subscription.latestInvoiceId) as InvoiceRecord };
  }

  private save(state: BillingState): void {
    this.subscriptions.set(state.subscription.id, state.subscription);
    this.invoices.set(state.invoice.id, state.invoice);
  }

  private clockTime(subscription: SubscriptionRecord): number {
    return (this.clocks.find(subscription.testClockId) as TestClockRecord).frozenTime;
  }

  /** Ids of the customer's next invoice; `consume` takes its number. */
  private newInvoiceIds(customer: CustomerRecord, consume = false): NewInvoiceIds {
    if (consume) this.customers.set(customer.id, { ...customer, nextInvoiceSequence: customer.nextInvoiceSequence + 1 });
    return { invoiceId: this.runtime.newId('in'), number: invoiceNumber(customer), lineId: this.runtime.newId('il'), paymentIntentId: this.runtime.newId('pi') };
  }

  /** Events about a subscription happen at its test clock's time, as Stripe stamps them. */
  private publish(type: string, object: unknown, context: ChangeContext, at: number, previous?: Record<string, unknown>): void {
    this.publisher.publish(type, object, context.request, context.faults, previous, at);
  }
}

/** Stripe merges metadata key by key. (An empty value would remove a key at Stripe; the sandbox only adds and replaces.) */
function mergeMetadata(current: Readonly<Record<string, string>>, change: Record<string, string>): Record<string, string> {
  return { ...current, ...change };
}
