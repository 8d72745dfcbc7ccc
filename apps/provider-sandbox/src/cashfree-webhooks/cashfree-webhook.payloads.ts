import { customerDetailsView, gatewayDetails, paymentEntity, refundEntity } from '../cashfree/cashfree-entity.views';
import { PaymentAttempt, Refund, SandboxCashfreeOrder, istTime } from '../cashfree/cashfree-order';
import type { CashfreePaymentWebhookType } from '../cashfree/cashfree-order.decider';
import type { CashfreeDisputeWebhookType } from '../cashfree-disputes/cashfree-dispute.decider';
import type { CashfreeSubscriptionWebhookType } from '../cashfree-subscriptions/cashfree-subscription.decider';

export type CashfreeWebhookType =
  | CashfreePaymentWebhookType | 'REFUND_STATUS_WEBHOOK' | CashfreeSubscriptionWebhookType | CashfreeDisputeWebhookType | 'SETTLEMENT_SUCCESS';

/** A webhook body as Cashfree sends it (amounts as `JsonDecimal`s); serialised afresh for each attempt. */
export interface CashfreeWebhookPayload {
  readonly data: Record<string, unknown>;
  readonly event_time: string;
  readonly type: CashfreeWebhookType;
}

/** `PAYMENT_*_WEBHOOK`: the order, the attempt, the customer, the gateway, and for failures the error. */
export function paymentWebhookPayload(type: CashfreePaymentWebhookType, order: SandboxCashfreeOrder, attempt: PaymentAttempt, at: Date): CashfreeWebhookPayload {
  const payment = paymentEntity(order, attempt);
  return {
    data: {
      order: { order_id: order.orderId, order_amount: payment.order_amount, order_currency: order.currency, order_tags: order.tags },
      payment: {
        cf_payment_id: payment.cf_payment_id,
        payment_status: payment.payment_status,
        payment_amount: payment.payment_amount,
        payment_currency: payment.payment_currency,
        payment_message: payment.payment_message,
        payment_time: payment.payment_time,
        bank_reference: payment.bank_reference,
        auth_id: null,
        payment_method: payment.payment_method,
        payment_group: payment.payment_group,
      },
      customer_details: customerDetailsView(order),
      payment_gateway_details: gatewayDetails(order, attempt),
      payment_offers: null,
      ...(payment.error_details ? { error_details: payment.error_details } : {}),
    },
    event_time: istTime(at),
    type,
  };
}

/** `REFUND_STATUS_WEBHOOK`: the refund alone; Cashfree's ids are numbers in this one. */
export function refundWebhookPayload(order: SandboxCashfreeOrder, refund: Refund, at: Date): CashfreeWebhookPayload {
  const entity = refundEntity(order, refund);
  return {
    data: { refund: { ...entity, cf_refund_id: Number(entity.cf_refund_id), cf_payment_id: Number(entity.cf_payment_id) } },
    event_time: istTime(at),
    type: 'REFUND_STATUS_WEBHOOK',
  };
}
