import type { DeliveryFaults } from '../domain/delivery-faults';
import type { SandboxRuntime } from '../domain/sandbox-runtime';
import type { CashfreeWebhookPublisher } from '../cashfree-webhooks/cashfree-webhook.publisher';
import { CashfreeSubscriptionRecord, MandateMethod, PlanRecord, SubscriptionPayment, nextScheduleDate, scheduleDate } from './cashfree-subscription';
import { CashfreeSubscriptionCommand, decide } from './cashfree-subscription.decider';
import type { CreateSubscriptionParams, ManageAction } from './cashfree-subscription.params';
import { subscriptionWebhookPayload } from './cashfree-subscription.views';

/** How a subscription's next charges turn out, and the delivery faults of their webhooks. */
export interface ChargeSetting {
  readonly outcome: 'success' | 'failure';
  readonly failureReason: string;
  readonly faults: DeliveryFaults;
}

export interface SentWebhook {
  readonly id: string;
  readonly type: string;
}

export type SubscriptionChange =
  | { readonly ok: true; readonly subscription: CashfreeSubscriptionRecord; readonly payment: SubscriptionPayment | null; readonly webhooks: readonly SentWebhook[] }
  | { readonly ok: false; readonly reason: 'not_found' | 'not_allowed' | 'nothing_due'; readonly subscription?: CashfreeSubscriptionRecord };

const DEFAULT_CHARGE: ChargeSetting = { outcome: 'success', failureReason: 'INSUFFICIENT_FUNDS', faults: {} };
const DAY_MS = 86_400_000;

/**
 * The sandbox's Cashfree plans and subscriptions, in memory, and the webhooks each change sends.
 * There is no clock: `advance` charges a subscription's next cycle (or retries the cycle that
 * failed) at its scheduled date, paying or failing as its charge setting says.
 */
export class CashfreeSubscriptions {
  private readonly plans = new Map<string, PlanRecord>();
  private readonly subscriptions = new Map<string, CashfreeSubscriptionRecord>();
  private readonly charges = new Map<string, ChargeSetting>();
  private lastNumericId = 7_300_000_000;

  constructor(
    private readonly runtime: SandboxRuntime,
    private readonly publisher: CashfreeWebhookPublisher,
  ) {}

  createPlan(plan: PlanRecord): boolean {
    if (this.plans.has(plan.planId)) return false;
    this.plans.set(plan.planId, plan);
    return true;
  }

  findPlan(planId: string): PlanRecord | undefined {
    return this.plans.get(planId);
  }

  create(params: CreateSubscriptionParams): { ok: true; subscription: CashfreeSubscriptionRecord } | { ok: false; reason: 'exists' | 'plan_not_found' } {
    if (this.subscriptions.has(params.subscriptionId)) return { ok: false, reason: 'exists' };
    const plan = 'planId' in params.plan ? this.plans.get(params.plan.planId) : { ...params.plan.inline, planId: params.plan.inline.planId || `plan_${params.subscriptionId}` };
    if (!plan) return { ok: false, reason: 'plan_not_found' };
    const { plan: _given, ...fields } = params;
    const subscription: CashfreeSubscriptionRecord = {
      ...fields, plan, cfSubscriptionId: this.nextNumericId(), sessionId: this.runtime.newId('sub_session'), createdAt: this.runtime.now(),
      status: 'INITIALIZED', authorization: null, anchor: null, cyclesPaid: 0, payments: [],
    };
    this.subscriptions.set(subscription.subscriptionId, subscription);
    return { ok: true, subscription };
  }

  find(subscriptionId: string): CashfreeSubscriptionRecord | undefined {
    return this.subscriptions.get(subscriptionId);
  }

  findBySession(sessionId: string): CashfreeSubscriptionRecord | undefined {
    return [...this.subscriptions.values()].find((subscription) => subscription.sessionId === sessionId);
  }

  /** Newest first. */
  list(): CashfreeSubscriptionRecord[] {
    return [...this.subscriptions.values()].reverse();
  }

  chargeSetting(subscriptionId: string): ChargeSetting {
    return this.charges.get(subscriptionId) ?? DEFAULT_CHARGE;
  }

  setCharges(subscriptionId: string, setting: Partial<ChargeSetting>): ChargeSetting | null {
    if (!this.subscriptions.has(subscriptionId)) return null;
    const merged = { ...DEFAULT_CHARGE, ...setting };
    this.charges.set(subscriptionId, merged);
    return merged;
  }

  /** The customer approves the mandate: SUBSCRIPTION_AUTH_STATUS, STATUS_CHANGED (ACTIVE), then the first charge if it is due already. */
  authorize(subscriptionId: string, method: MandateMethod, faults: DeliveryFaults = {}): SubscriptionChange {
    const current = this.subscriptions.get(subscriptionId);
    if (!current) return { ok: false, reason: 'not_found' };
    const now = this.runtime.now();
    const payment = this.authPayment(current, method, 'SUCCESS', null);
    const authorization = { status: 'ACTIVE' as const, method, reference: `${method === 'upi' ? 'UMN' : method === 'enach' ? 'UMRN' : 'ENRL'}${this.nextNumericId()}`, at: now, paymentId: payment.paymentId };
    const anchor = current.firstChargeTime && current.firstChargeTime.getTime() > now.getTime() ? current.firstChargeTime : now;
    const authorized = this.apply(current, { type: 'Authorize', payment, authorization, anchor }, faults);
    if (!authorized.ok || anchor.getTime() > now.getTime()) return authorized;
    const charged = this.advance(subscriptionId, faults);
    return charged.ok ? { ...charged, webhooks: [...authorized.webhooks, ...charged.webhooks] } : authorized;
  }

  /** The customer's bank or UPI app refuses the mandate: SUBSCRIPTION_AUTH_STATUS (FAILED); the subscription stays INITIALIZED. */
  failAuthorization(subscriptionId: string, method: MandateMethod, reason: string, faults: DeliveryFaults = {}): SubscriptionChange {
    const current = this.subscriptions.get(subscriptionId);
    if (!current) return { ok: false, reason: 'not_found' };
    return this.apply(current, { type: 'FailAuthorization', payment: this.authPayment(current, method, 'FAILED', reason) }, faults);
  }

  /** Charges the next cycle at its scheduled date, or retries the failed one (a day per earlier attempt later). */
  advance(subscriptionId: string, faults?: DeliveryFaults): SubscriptionChange {
    const current = this.subscriptions.get(subscriptionId);
    if (!current) return { ok: false, reason: 'not_found' };
    const due = nextScheduleDate(current);
    if (!due || !current.authorization) return { ok: false, reason: current.status === 'ACTIVE' || current.status === 'ON_HOLD' ? 'nothing_due' : 'not_allowed', subscription: current };
    const setting = this.chargeSetting(subscriptionId);
    const retryAttempts = current.payments.filter((made) => made.type === 'CHARGE' && made.cycle === current.cyclesPaid).length;
    const payment: SubscriptionPayment = {
      ...this.paymentIds(), type: 'CHARGE', amountMinor: current.plan.recurringAmountMinor, method: current.authorization.method,
      scheduleDate: scheduleDate(current.anchor as Date, current.plan, current.cyclesPaid), initiatedDate: new Date(due.getTime() + retryAttempts * DAY_MS),
      status: setting.outcome === 'success' ? 'SUCCESS' : 'FAILED', failureReason: setting.outcome === 'success' ? null : setting.failureReason,
      retryAttempts, cycle: current.cyclesPaid,
    };
    return this.apply(current, { type: 'Charge', payment }, faults ?? setting.faults);
  }

  manage(subscriptionId: string, action: ManageAction, faults: DeliveryFaults = {}): SubscriptionChange {
    const current = this.subscriptions.get(subscriptionId);
    if (!current) return { ok: false, reason: 'not_found' };
    const command: CashfreeSubscriptionCommand = { type: action === 'CANCEL' ? 'Cancel' : action === 'PAUSE' ? 'Pause' : 'Activate' };
    return this.apply(current, command, faults);
  }

  private apply(current: CashfreeSubscriptionRecord, command: CashfreeSubscriptionCommand, faults: DeliveryFaults): SubscriptionChange {
    const decision = decide(current, command);
    if (!decision.ok) return { ok: false, reason: 'not_allowed', subscription: current };
    this.subscriptions.set(current.subscriptionId, decision.subscription);
    const payment = 'payment' in command ? command.payment : null;
    const webhooks = decision.emits.map((type) => {
      const payload = subscriptionWebhookPayload(type, decision.subscription, payment, this.runtime.now());
      const objectId = type === 'SUBSCRIPTION_STATUS_CHANGED' || !payment ? decision.subscription.cfSubscriptionId : payment.cfPaymentId;
      const logged = this.publisher.publish(payload, { orderId: null, subscriptionId: current.subscriptionId, objectId, notifyUrl: null }, faults);
      return { id: logged.id, type: logged.type };
    });
    return { ok: true, subscription: decision.subscription, payment, webhooks };
  }

  private authPayment(subscription: CashfreeSubscriptionRecord, method: MandateMethod, status: 'SUCCESS' | 'FAILED', failureReason: string | null): SubscriptionPayment {
    const now = this.runtime.now();
    return {
      ...this.paymentIds(), type: 'AUTH', amountMinor: method === 'enach' ? 0 : subscription.authorizationAmountMinor, method, scheduleDate: now,
      initiatedDate: now, status, failureReason, retryAttempts: 0, cycle: null,
    };
  }

  private paymentIds() {
    return { paymentId: this.runtime.newId('subpay'), cfPaymentId: this.nextNumericId(), cfTxnId: this.nextNumericId() };
  }

  private nextNumericId(): string {
    this.lastNumericId += 1;
    return String(this.lastNumericId);
  }
}
