import { SandboxRuntime, unixSeconds } from '../domain/sandbox-runtime';
import type { StripeWebhookPublisher } from '../webhooks/stripe-webhook.publisher';
import { SandboxCharge, chargeOf } from './charge';
import { DisputedCharges } from './disputed-charges';
import type { SandboxPaymentIntent } from './payment-intent';
import type { ChangeContext, PaymentIntents } from './payment-intents.service';
import { CreateRefundParams, SandboxRefund, newRefund, refundedAmount } from './refund';
import { RefundCommand, RefundRefusal, decide, refundableAmount } from './refund.decider';
import { NO_API_REQUEST } from './stripe-event';

/** What the next refund created does (a test knob); it applies once, then refunds succeed again. */
export type NextRefundOutcome =
  /** Succeeds at once, as most card refunds do. The default. */
  | { readonly kind: 'succeed' }
  /** Is created pending, then fails straight away. */
  | { readonly kind: 'fail'; readonly failureReason: string }
  /** Stays pending until `/_sandbox/stripe/refunds/:id/{succeed|fail}`. */
  | { readonly kind: 'pending' };

export type CreateRefundOutcome =
  | { readonly ok: true; readonly refund: SandboxRefund }
  | { readonly ok: false; readonly reason: 'not_found'; readonly param: 'payment_intent' | 'charge'; readonly id: string }
  | ({ readonly ok: false; readonly intent: SandboxPaymentIntent } & RefundRefusal);

export type RefundChangeOutcome =
  | { readonly ok: true; readonly refund: SandboxRefund }
  | { readonly ok: false; readonly reason: 'not_found' }
  | { readonly ok: false; readonly reason: 'unexpected_state'; readonly refund: SandboxRefund };

export const DEFAULT_REFUND_FAILURE_REASON = 'expired_or_canceled_card';

/** The sandbox's refunds, in memory, the events each emits, and the charges' refunded amounts. */
export class Refunds {
  private readonly refunds = new Map<string, SandboxRefund>();
  private next: NextRefundOutcome = { kind: 'succeed' };

  constructor(
    private readonly runtime: SandboxRuntime,
    private readonly intents: PaymentIntents,
    private readonly publisher: StripeWebhookPublisher,
    private readonly disputed: DisputedCharges = new DisputedCharges(),
  ) {}

  setNextOutcome(outcome: NextRefundOutcome): void {
    this.next = outcome;
  }

  create(params: CreateRefundParams, context: ChangeContext): CreateRefundOutcome {
    const target = params.target;
    const intent = 'paymentIntent' in target ? this.intents.find(target.paymentIntent) : this.intents.findByCharge(target.charge);
    if (!intent) return 'paymentIntent' in target
      ? { ok: false, reason: 'not_found', param: 'payment_intent', id: target.paymentIntent }
      : { ok: false, reason: 'not_found', param: 'charge', id: target.charge };
    const payment = { succeeded: intent.status === 'succeeded', amountReceived: intent.amount_received, alreadyRefunded: this.refundedOf(intent.id) };
    const decision = refundableAmount(payment, params.amount);
    if (!decision.ok) return { ...decision, intent };
    const outcome = this.next;
    this.next = { kind: 'succeed' };
    const refund = newRefund({
      id: this.runtime.newId('re'), amount: decision.amount, chargeId: intent.latest_charge ?? '', paymentIntentId: intent.id,
      currency: intent.currency, reason: params.reason, metadata: params.metadata, status: outcome.kind === 'succeed' ? 'succeeded' : 'pending',
      balanceTransaction: this.runtime.newId('txn'), createdAt: unixSeconds(this.runtime.now()),
    });
    this.refunds.set(refund.id, refund);
    this.publisher.publish('refund.created', refund, context.request, context.faults);
    this.publisher.publish('charge.refunded', this.chargeFor(intent), context.request, context.faults);
    if (outcome.kind === 'fail') this.fail(refund.id, outcome.failureReason, { request: NO_API_REQUEST, faults: context.faults });
    return { ok: true, refund };
  }

  find(id: string): SandboxRefund | undefined {
    return this.refunds.get(id);
  }

  /** Oldest first; `paymentIntentId` narrows to one payment's refunds. */
  list(filter: { paymentIntentId?: string } = {}): SandboxRefund[] {
    return [...this.refunds.values()].filter((refund) => !filter.paymentIntentId || refund.payment_intent === filter.paymentIntentId);
  }

  succeed(id: string, context: ChangeContext): RefundChangeOutcome {
    return this.apply(id, { type: 'Succeed' }, context);
  }

  fail(id: string, failureReason: string, context: ChangeContext): RefundChangeOutcome {
    return this.apply(id, { type: 'Fail', failureReason, failureBalanceTransaction: this.runtime.newId('txn') }, context);
  }

  /** The charge of a succeeded PaymentIntent with its refunded amount now; undefined before it succeeded. */
  chargeOfIntent(intentId: string): SandboxCharge | undefined {
    const intent = this.intents.find(intentId);
    return intent?.status === 'succeeded' ? this.chargeFor(intent) : undefined;
  }

  private chargeFor(intent: SandboxPaymentIntent): SandboxCharge {
    return chargeOf(intent, this.intents.succeededAt(intent.id) ?? intent.created, this.refundedOf(intent.id), this.disputed.has(intent.id));
  }

  private refundedOf(intentId: string): number {
    return refundedAmount(this.list({ paymentIntentId: intentId }));
  }

  private apply(id: string, command: RefundCommand, context: ChangeContext): RefundChangeOutcome {
    const current = this.refunds.get(id);
    if (!current) return { ok: false, reason: 'not_found' };
    const decision = decide(current, command);
    if (!decision.ok) return { ok: false, reason: 'unexpected_state', refund: current };
    this.refunds.set(id, decision.refund);
    for (const type of decision.emits) this.publisher.publish(type, decision.refund, context.request, context.faults);
    return { ok: true, refund: decision.refund };
  }
}
