/*
 * The parts of Cashfree PG's wire format (x-api-version 2023-08-01) the adapter reads. Amounts are
 * JSON decimal numbers in major units (see cashfree-amount.ts). Ids Cashfree generates
 * (cf_order_id, cf_payment_id, cf_refund_id) are strings in API answers and may be numbers in
 * webhooks, so they are read with `String()`.
 */

export type CashfreeOrderStatus = 'ACTIVE' | 'PAID' | 'EXPIRED' | 'TERMINATED' | 'TERMINATION_REQUESTED';
export type CashfreePaymentStatus = 'SUCCESS' | 'NOT_ATTEMPTED' | 'FAILED' | 'USER_DROPPED' | 'VOID' | 'CANCELLED' | 'PENDING';
export type CashfreeRefundStatus = 'SUCCESS' | 'PENDING' | 'CANCELLED' | 'ONHOLD' | 'FAILED';

/** `POST /orders`, `GET /orders/{order_id}`. */
export interface CashfreeOrderEntity {
  cf_order_id: string;
  order_id: string;
  order_amount: number;
  order_currency: string;
  order_status: CashfreeOrderStatus;
  payment_session_id: string;
  order_tags?: Record<string, string> | null;
  customer_details?: { customer_id?: string } | null;
}

/** One attempt to pay an order, from `GET /orders/{order_id}/payments`. */
export interface CashfreePaymentEntity {
  cf_payment_id: string | number;
  order_id?: string;
  payment_status: CashfreePaymentStatus;
  payment_amount: number | string;
  payment_currency?: string;
  payment_message?: string | null;
  payment_time?: string;
  payment_group?: string;
  error_details?: CashfreeErrorDetails | null;
}

export interface CashfreeErrorDetails {
  error_code?: string | null;
  error_description?: string | null;
  error_reason?: string | null;
  error_source?: string | null;
}

/** `POST /orders/{order_id}/refunds`, and `data.refund` of a refund webhook. */
export interface CashfreeRefundEntity {
  cf_refund_id: string | number;
  cf_payment_id?: string | number;
  refund_id: string;
  order_id: string;
  refund_amount: number | string;
  refund_currency?: string;
  refund_status: CashfreeRefundStatus;
  status_description?: string | null;
}

/** Every error Cashfree answers with: `{message, code, type}`. */
export interface CashfreeErrorBody {
  message?: string;
  code?: string;
  /** `invalid_request_error`, `authentication_error`, `idempotency_error`, `rate_limit_error`, `api_error`. */
  type?: string;
}

/** A webhook as delivered; `data.order` + `data.payment` for payments, `data.refund` for refunds. */
export interface CashfreeWebhookEnvelope {
  type: string;
  event_time?: string;
  data?: {
    order?: { order_id?: string; order_amount?: number; order_currency?: string; order_tags?: Record<string, string> | null };
    payment?: CashfreePaymentEntity;
    refund?: CashfreeRefundEntity;
    error_details?: CashfreeErrorDetails | null;
  };
}
