import type { SettledPayment, SettledRefund } from '../domain/settlement-report';
import type { PaymentIntents } from './payment-intents.service';
import type { Refunds } from './refunds.service';

/** The sandbox's succeeded payments as its settlement sees them, oldest first (payments of one second keep the order they were made in). */
export function settledPayments(intents: PaymentIntents): SettledPayment[] {
  return intents.list().reverse().flatMap((intent) => {
    const at = intents.succeededAt(intent.id);
    if (intent.status !== 'succeeded' || at === undefined) return [];
    return [{
      paymentId: intent.id, chargeId: intent.latest_charge ?? '', orderId: intent.metadata.order_id ?? null,
      currency: intent.currency.toUpperCase(), amountMinor: intent.amount_received, at,
    }];
  });
}

/** Its refunds that hold money back, oldest first: pending and succeeded ones; a failed one gave the money back and is left out. */
export function settledRefunds(refunds: Refunds, intents: PaymentIntents): SettledRefund[] {
  return refunds.list().filter((refund) => refund.status !== 'failed').map((refund) => ({
    refundId: refund.id, paymentId: refund.payment_intent, chargeId: refund.charge,
    orderId: refund.metadata.order_id ?? intents.find(refund.payment_intent)?.metadata.order_id ?? null,
    currency: refund.currency.toUpperCase(), amountMinor: refund.amount, at: refund.created,
  }));
}
