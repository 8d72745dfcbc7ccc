import type { SandboxRuntime } from '../domain/sandbox-runtime';
import type { StripeFeeSchedule } from '../domain/settlement-fee-overrides';
import { pricingWith } from '../domain/settlement-report';
import { balanceTransaction, processingFeeDetails } from '../stripe/balance-transaction';
import type { PaymentIntents } from '../stripe/payment-intents.service';
import type { Refunds } from '../stripe/refunds.service';
import { settledPayments, settledRefunds } from '../stripe/settled-movements';
import type { StripeDisputes } from '../stripe-disputes/stripe-disputes.service';
import type { BalanceMovement } from './payout.builder';

/**
 * The sandbox's Stripe balance, read from its own money: a `charge` balance transaction per
 * succeeded payment (fee by the fee rules), a `refund` one per refund that holds money back, and
 * the disputes' withdrawals and reinstatements. The same payments the settlement report shows, with
 * the same fees. A charge's transaction id is fixed the first time it is read (a refund's is its `balance_transaction`).
 */
export class StripeBalance {
  private readonly transactionIds = new Map<string, string>();

  constructor(
    private readonly runtime: SandboxRuntime,
    private readonly intents: PaymentIntents,
    private readonly refunds: Refunds,
    private readonly disputes: StripeDisputes,
    private readonly fees: StripeFeeSchedule,
  ) {}

  /** Every movement so far: charges, then refunds, then dispute movements, each oldest first. */
  movements(): BalanceMovement[] {
    const pricing = pricingWith(this.fees.paymentRules);
    const charges = settledPayments(this.intents).map((payment) => ({
      paymentIntentId: payment.paymentId,
      transaction: balanceTransaction({
        id: this.transactionIdFor(payment.chargeId), type: 'charge', reportingCategory: 'charge', amount: payment.amountMinor, currency: payment.currency,
        feeDetails: processingFeeDetails(pricing(payment), payment.currency), created: payment.at,
        description: this.intents.find(payment.paymentId)?.description ?? null, source: payment.chargeId,
      }),
    }));
    const refunds = settledRefunds(this.refunds, this.intents).map((refund) => {
      const chargeDescription = this.intents.find(refund.paymentId)?.description;
      return {
        paymentIntentId: refund.paymentId,
        transaction: balanceTransaction({
          id: this.refunds.find(refund.refundId)?.balance_transaction ?? this.transactionIdFor(refund.refundId), type: 'refund',
          reportingCategory: 'refund', amount: -refund.amountMinor, currency: refund.currency, created: refund.at,
          description: chargeDescription ? `REFUND FOR CHARGE (${chargeDescription})` : 'REFUND FOR CHARGE', source: refund.refundId,
        }),
      };
    });
    return [...charges, ...refunds, ...this.disputes.movements()];
  }

  /** The object a balance transaction's `source` names, as `expand[]=source` shows it: a charge, refund or dispute. */
  sourceObject(sourceId: string): unknown {
    if (sourceId.startsWith('re_')) return this.refunds.find(sourceId) ?? sourceId;
    if (sourceId.startsWith('du_')) return this.disputes.find(sourceId) ?? sourceId;
    const intent = this.intents.findByCharge(sourceId);
    return (intent && this.refunds.chargeOfIntent(intent.id)) ?? sourceId;
  }

  private transactionIdFor(sourceId: string): string {
    const known = this.transactionIds.get(sourceId);
    if (known) return known;
    const id = this.runtime.newId('txn');
    this.transactionIds.set(sourceId, id);
    return id;
  }
}
