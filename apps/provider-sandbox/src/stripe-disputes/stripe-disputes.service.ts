import { disputeFeeFor } from '../domain/settlement-fees';
import { SandboxRuntime, unixSeconds } from '../domain/sandbox-runtime';
import { SandboxBalanceTransaction, balanceTransaction, disputeFeeDetails } from '../stripe/balance-transaction';
import type { DisputedCharges } from '../stripe/disputed-charges';
import type { SandboxPaymentIntent } from '../stripe/payment-intent';
import type { ChangeContext, PaymentIntents } from '../stripe/payment-intents.service';
import { changedAttributes } from '../stripe/stripe-event';
import type { StripeWebhookPublisher } from '../webhooks/stripe-webhook.publisher';
import { DisputeReason, SandboxDispute, newDispute } from './dispute';
import type { DisputeOutcome } from './dispute.params';
import { DisputeCommand, decide } from './dispute.decider';

export interface OpenDisputeParams {
  /** Minor units; null disputes the whole amount received. */
  readonly amount: number | null;
  readonly reason: DisputeReason;
}

export type OpenDisputeOutcome =
  | { readonly ok: true; readonly dispute: SandboxDispute }
  | { readonly ok: false; readonly reason: 'not_found' }
  | { readonly ok: false; readonly reason: 'not_succeeded'; readonly intent: SandboxPaymentIntent }
  | { readonly ok: false; readonly reason: 'already_disputed'; readonly dispute: SandboxDispute }
  | { readonly ok: false; readonly reason: 'amount_too_large'; readonly requested: number; readonly received: number };

export type DisputeChangeOutcome =
  | { readonly ok: true; readonly dispute: SandboxDispute }
  | { readonly ok: false; readonly reason: 'not_found' }
  | { readonly ok: false; readonly reason: 'unexpected_state'; readonly dispute: SandboxDispute; readonly refused: DisputeCommand['type'] };

/** A balance transaction of a dispute, with the payment it is about. */
export interface DisputeMovement {
  readonly transaction: SandboxBalanceTransaction;
  readonly paymentIntentId: string;
}

/**
 * The sandbox's disputes, in memory: one per charge at most, as at Stripe. Opening one withdraws
 * its amount and the dispute fee (a balance transaction), marks the charge disputed and sends
 * `charge.dispute.created` then `charge.dispute.funds_withdrawn`; a won one gets its funds back.
 */
export class StripeDisputes {
  private readonly disputes = new Map<string, SandboxDispute>();

  constructor(
    private readonly runtime: SandboxRuntime,
    private readonly intents: PaymentIntents,
    private readonly publisher: StripeWebhookPublisher,
    private readonly disputedCharges: DisputedCharges,
    private readonly disputeFees: Readonly<Record<string, number>>,
  ) {}

  open(paymentIntentId: string, params: OpenDisputeParams, context: ChangeContext): OpenDisputeOutcome {
    const intent = this.intents.find(paymentIntentId);
    if (!intent) return { ok: false, reason: 'not_found' };
    if (intent.status !== 'succeeded' || !intent.latest_charge) return { ok: false, reason: 'not_succeeded', intent };
    const existing = this.list({ paymentIntentId })[0];
    if (existing) return { ok: false, reason: 'already_disputed', dispute: existing };
    const amount = params.amount ?? intent.amount_received;
    if (amount > intent.amount_received) return { ok: false, reason: 'amount_too_large', requested: amount, received: intent.amount_received };
    const id = this.runtime.newId('du');
    const createdAt = unixSeconds(this.runtime.now());
    const withdrawal = balanceTransaction({
      id: this.runtime.newId('txn'), type: 'adjustment', reportingCategory: 'dispute', amount: -amount, currency: intent.currency,
      feeDetails: disputeFeeDetails(disputeFeeFor(intent.currency.toUpperCase(), this.disputeFees), intent.currency),
      created: createdAt, description: `Chargeback withdrawal for ${intent.latest_charge}`, source: id,
    });
    const dispute = newDispute({
      id, amount, currency: intent.currency, chargeId: intent.latest_charge, paymentIntentId, reason: params.reason, createdAt, withdrawal,
    });
    this.disputes.set(id, dispute);
    this.disputedCharges.mark(paymentIntentId);
    for (const type of ['charge.dispute.created', 'charge.dispute.funds_withdrawn']) this.publisher.publish(type, dispute, context.request, context.faults);
    return { ok: true, dispute };
  }

  find(id: string): SandboxDispute | undefined {
    return this.disputes.get(id);
  }

  /** Newest first, narrowed to one charge or one PaymentIntent if asked. */
  list(filter: { chargeId?: string; paymentIntentId?: string } = {}): SandboxDispute[] {
    return [...this.disputes.values()].reverse()
      .filter((dispute) => (!filter.chargeId || dispute.charge === filter.chargeId) && (!filter.paymentIntentId || dispute.payment_intent === filter.paymentIntentId));
  }

  /** Evidence saved or submitted, or the dispute closed (conceded), through the API. */
  change(id: string, command: Extract<DisputeCommand, { type: 'SaveEvidence' | 'SubmitEvidence' | 'Close' }>, context: ChangeContext): DisputeChangeOutcome {
    return this.apply(id, command, context);
  }

  /** The bank's decision (a sandbox control): won gives the funds back, not the fee. */
  resolve(id: string, outcome: DisputeOutcome, context: ChangeContext): DisputeChangeOutcome {
    const dispute = this.disputes.get(id);
    if (!dispute || outcome === 'lost') return this.apply(id, { type: 'Lose' }, context);
    const reinstatement = balanceTransaction({
      id: this.runtime.newId('txn'), type: 'adjustment', reportingCategory: 'dispute_reversal', amount: dispute.amount, currency: dispute.currency,
      created: unixSeconds(this.runtime.now()), description: `Chargeback reversal for ${dispute.charge}`, source: id,
    });
    return this.apply(id, { type: 'Win', reinstatement }, context);
  }

  /** Every withdrawal and reinstatement so far, oldest first. */
  movements(): DisputeMovement[] {
    return [...this.disputes.values()].flatMap((dispute) =>
      dispute.balance_transactions.map((transaction) => ({ transaction, paymentIntentId: dispute.payment_intent })));
  }

  private apply(id: string, command: DisputeCommand, context: ChangeContext): DisputeChangeOutcome {
    const current = this.disputes.get(id);
    if (!current) return { ok: false, reason: 'not_found' };
    const decision = decide(current, command);
    if (!decision.ok) return { ok: false, reason: 'unexpected_state', dispute: current, refused: decision.refused };
    this.disputes.set(id, decision.dispute);
    for (const type of decision.emits) {
      const previous = type === 'charge.dispute.updated' ? changedAttributes(current, decision.dispute) : undefined;
      this.publisher.publish(type, decision.dispute, context.request, context.faults, previous);
    }
    return { ok: true, dispute: decision.dispute };
  }
}
