import { toCashfreeAmount } from '@payments/providers';
import { CashfreePaymentGroup, PaymentAttempt, PaymentMethodChoice, Refund, SandboxCashfreeOrder, istTime } from './cashfree-order';

/*
 * The sandbox's orders, attempts and refunds in Cashfree's wire shapes (x-api-version 2023-08-01).
 * Amounts are `JsonDecimal`s, so they are written as Cashfree writes them: 588.82, 170.00.
 */

const amount = (minor: number) => toCashfreeAmount(minor, 'INR');

const PAYMENT_METHODS: Readonly<Record<PaymentMethodChoice, { group: CashfreePaymentGroup; method: unknown }>> = {
  upi: { group: 'upi', method: { upi: { channel: 'collect', upi_id: 'testsuccess@gocash' } } },
  netbanking: { group: 'net_banking', method: { netbanking: { channel: null, netbanking_bank_code: 3021, netbanking_bank_name: 'Sandbox Bank' } } },
  wallet: { group: 'wallet', method: { app: { channel: 'link', provider: 'phonepe' } } },
};

/** The `payment_group` Cashfree reports for a payment made with `method`. */
export const paymentGroupOf = (method: PaymentMethodChoice): CashfreePaymentGroup => PAYMENT_METHODS[method].group;

export function customerDetailsView(order: SandboxCashfreeOrder) {
  const { customer } = order;
  return { customer_id: customer.id, customer_name: customer.name, customer_email: customer.email, customer_phone: customer.phone };
}

/** `GET /orders/{order_id}` and the answer to `POST /orders`. */
export function orderEntity(order: SandboxCashfreeOrder) {
  return {
    cf_order_id: order.cfOrderId,
    created_at: istTime(order.createdAt),
    customer_details: customerDetailsView(order),
    entity: 'order',
    order_amount: amount(order.amountMinor),
    order_currency: order.currency,
    order_expiry_time: istTime(order.expiresAt),
    order_id: order.orderId,
    order_meta: { return_url: order.returnUrl, notify_url: order.notifyUrl, payment_methods: order.paymentMethods },
    order_note: order.note,
    order_splits: [],
    order_status: order.status,
    order_tags: order.tags,
    payment_session_id: order.paymentSessionId,
    terminal_data: null,
  };
}

function errorDetails(attempt: PaymentAttempt) {
  if (!attempt.error) return null;
  const { code, description, reason, source } = attempt.error;
  return { error_code: code, error_description: description, error_reason: reason, error_source: source, error_code_raw: code, error_description_raw: description };
}

/** One element of `GET /orders/{order_id}/payments`. */
export function paymentEntity(order: SandboxCashfreeOrder, attempt: PaymentAttempt) {
  const method = PAYMENT_METHODS[attempt.method];
  return {
    auth_id: null,
    authorization: null,
    bank_reference: attempt.bankReference,
    cf_payment_id: attempt.cfPaymentId,
    entity: 'payment',
    error_details: errorDetails(attempt),
    is_captured: attempt.status === 'SUCCESS',
    order_amount: amount(order.amountMinor),
    order_currency: order.currency,
    order_id: order.orderId,
    payment_amount: amount(attempt.amountMinor),
    payment_completion_time: istTime(attempt.at),
    payment_currency: order.currency,
    payment_gateway_details: gatewayDetails(order, attempt),
    payment_group: method.group,
    payment_message: attempt.message,
    payment_method: method.method,
    payment_status: attempt.status,
    payment_time: istTime(attempt.at),
  };
}

export function gatewayDetails(order: SandboxCashfreeOrder, attempt: PaymentAttempt) {
  return {
    gateway_name: 'CASHFREE', gateway_order_id: order.cfOrderId, gateway_payment_id: attempt.cfPaymentId,
    gateway_order_reference_id: null, gateway_settlement: 'CASHFREE', gateway_status_code: null,
  };
}

/** `POST /orders/{order_id}/refunds`, `GET .../refunds[/{refund_id}]`, and `data.refund` of the refund webhook. */
export function refundEntity(order: SandboxCashfreeOrder, refund: Refund) {
  return {
    cf_payment_id: refund.cfPaymentId,
    cf_refund_id: refund.cfRefundId,
    created_at: istTime(refund.createdAt),
    entity: 'refund',
    metadata: null,
    order_id: order.orderId,
    processed_at: refund.processedAt ? istTime(refund.processedAt) : null,
    refund_amount: amount(refund.amountMinor),
    refund_arn: refund.status === 'SUCCESS' ? `ARN${refund.cfRefundId}` : null,
    refund_charge: 0,
    refund_currency: order.currency,
    refund_id: refund.refundId,
    refund_mode: refund.speed,
    refund_note: refund.note,
    refund_splits: [],
    refund_status: refund.status,
    refund_type: 'MERCHANT_INITIATED',
    status_description: refund.description,
  };
}
