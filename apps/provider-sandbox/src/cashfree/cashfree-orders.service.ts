import type { DeliveryFaults } from '../domain/delivery-faults';
import type { SandboxRuntime } from '../domain/sandbox-runtime';
import type { CashfreeWebhookPublisher } from '../cashfree-webhooks/cashfree-webhook.publisher';
import { paymentWebhookPayload, refundWebhookPayload } from '../cashfree-webhooks/cashfree-webhook.payloads';
import { AttemptError, CreateOrderParams, PaymentAttempt, PaymentMethodChoice, Refund, SandboxCashfreeOrder, newCashfreeOrder } from './cashfree-order';
import { CashfreeOrderCommand, decide } from './cashfree-order.decider';
import type { CreateRefundParams } from './cashfree-order.params';
import { RefundRequestDecision, requestRefund, settleRefund } from './cashfree-refund.decider';

export interface SentWebhook {
  readonly id: string;
  readonly type: string;
}

export type OrderOutcome =
  | { readonly ok: true; readonly order: SandboxCashfreeOrder; readonly attempt: PaymentAttempt | null; readonly webhook: SentWebhook | null }
  | { readonly ok: false; readonly reason: 'not_found' }
  | { readonly ok: false; readonly reason: 'unexpected_state'; readonly order: SandboxCashfreeOrder };

export type RefundOutcome =
  | { readonly ok: true; readonly order: SandboxCashfreeOrder; readonly refund: Refund; readonly webhook: SentWebhook | null }
  | { readonly ok: false; readonly reason: 'not_found' | 'order_not_paid' | 'refund_exists' | 'exceeds_remainder' | 'refund_not_found' | 'refund_not_pending'; readonly order?: SandboxCashfreeOrder };

/** A customer's action on the hosted page, and the delivery faults to apply to its webhook. */
export interface CustomerAction {
  readonly method: PaymentMethodChoice;
  readonly faults?: DeliveryFaults;
  readonly error?: Partial<AttemptError>;
}

const DEFAULT_DECLINE: AttemptError = {
  code: 'TRANSACTION_DECLINED', description: 'issuer bank or payment service provider declined the transaction', reason: 'auth_declined', source: 'bank',
};

/**
 * The sandbox's Cashfree orders, in memory, and the webhooks each change sends. Ids Cashfree
 * generates (cf_order_id, cf_payment_id, cf_refund_id) are numeric strings from one counter.
 */
export class CashfreeOrders {
  private readonly orders = new Map<string, SandboxCashfreeOrder>();
  private lastNumericId = 5_114_900_000;

  constructor(
    private readonly runtime: SandboxRuntime,
    private readonly publisher: CashfreeWebhookPublisher,
  ) {}

  /** Creates an ACTIVE order, or reports that the order id is taken (Cashfree's 409). */
  create(params: CreateOrderParams): { ok: true; order: SandboxCashfreeOrder } | { ok: false; reason: 'order_exists' } {
    const orderId = params.orderId ?? this.runtime.newId('order');
    if (this.orders.has(orderId)) return { ok: false, reason: 'order_exists' };
    const order = newCashfreeOrder({ orderId, cfOrderId: this.nextNumericId(), paymentSessionId: this.runtime.newId('session') }, params, this.runtime.now());
    this.orders.set(orderId, order);
    return { ok: true, order };
  }

  /** The order as of now: an ACTIVE order past its expiry time is EXPIRED first. */
  find(orderId: string): SandboxCashfreeOrder | undefined {
    const order = this.orders.get(orderId);
    if (order?.status !== 'ACTIVE' || order.expiresAt.getTime() > this.runtime.now().getTime()) return order;
    const expired = decide(order, { type: 'Expire' });
    if (expired.ok) this.orders.set(orderId, expired.order);
    return expired.ok ? expired.order : order;
  }

  /** Newest first. */
  list(filter: { orderId?: string } = {}): SandboxCashfreeOrder[] {
    return [...this.orders.keys()].filter((id) => !filter.orderId || id === filter.orderId).map((id) => this.find(id) as SandboxCashfreeOrder).reverse();
  }

  pay(orderId: string, action: CustomerAction): OrderOutcome {
    return this.apply(orderId, { type: 'Pay', ...this.attemptFields(action), bankReference: this.nextNumericId() }, action.faults);
  }

  decline(orderId: string, action: CustomerAction): OrderOutcome {
    return this.apply(orderId, { type: 'Decline', ...this.attemptFields(action), error: { ...DEFAULT_DECLINE, ...action.error } }, action.faults);
  }

  abandon(orderId: string, action: CustomerAction): OrderOutcome {
    return this.apply(orderId, { type: 'Abandon', ...this.attemptFields(action) }, action.faults);
  }

  terminate(orderId: string): OrderOutcome {
    return this.apply(orderId, { type: 'Terminate' });
  }

  createRefund(orderId: string, params: CreateRefundParams): RefundOutcome {
    const order = this.find(orderId);
    if (!order) return { ok: false, reason: 'not_found' };
    const decision: RefundRequestDecision = requestRefund(order, params, this.nextNumericId(), this.runtime.now());
    if (!decision.ok) return { ok: false, reason: decision.reason, order };
    this.orders.set(orderId, decision.order);
    return { ok: true, order: decision.order, refund: decision.refund, webhook: null };
  }

  /** Processes a PENDING refund to SUCCESS or CANCELLED and sends REFUND_STATUS_WEBHOOK. */
  settleRefund(orderId: string, refundId: string, to: 'SUCCESS' | 'CANCELLED', faults: DeliveryFaults = {}): RefundOutcome {
    const order = this.find(orderId);
    if (!order) return { ok: false, reason: 'not_found' };
    const decision = settleRefund(order, refundId, to, this.runtime.now());
    if (!decision.ok) return { ok: false, reason: decision.reason, order };
    this.orders.set(orderId, decision.order);
    const payload = refundWebhookPayload(decision.order, decision.refund, this.runtime.now());
    const logged = this.publisher.publish(payload, { orderId, objectId: decision.refund.cfRefundId, notifyUrl: order.notifyUrl }, faults);
    return { ok: true, order: decision.order, refund: decision.refund, webhook: { id: logged.id, type: logged.type } };
  }

  private apply(orderId: string, command: CashfreeOrderCommand, faults: DeliveryFaults = {}): OrderOutcome {
    const current = this.find(orderId);
    if (!current) return { ok: false, reason: 'not_found' };
    const decision = decide(current, command);
    if (!decision.ok) return { ok: false, reason: 'unexpected_state', order: current };
    this.orders.set(orderId, decision.order);
    if (!decision.emits || !decision.attempt) return { ok: true, order: decision.order, attempt: decision.attempt, webhook: null };
    const payload = paymentWebhookPayload(decision.emits, decision.order, decision.attempt, this.runtime.now());
    const logged = this.publisher.publish(payload, { orderId, objectId: decision.attempt.cfPaymentId, notifyUrl: current.notifyUrl }, faults);
    return { ok: true, order: decision.order, attempt: decision.attempt, webhook: { id: logged.id, type: logged.type } };
  }

  private attemptFields(action: CustomerAction) {
    return { cfPaymentId: this.nextNumericId(), method: action.method, at: this.runtime.now() };
  }

  private nextNumericId(): string {
    this.lastNumericId += 1;
    return String(this.lastNumericId);
  }
}
