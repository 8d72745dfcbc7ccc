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

/** `POST /plans`, `GET /plans/{plan_id}`. */
export interface CashfreePlanEntity {
  plan_id: string;
  plan_name?: string;
  plan_type?: 'PERIODIC' | 'ON_DEMAND';
  plan_currency?: string;
  plan_recurring_amount?: number | string;
  plan_interval_type?: 'DAY' | 'WEEK' | 'MONTH' | 'YEAR';
  plan_intervals?: number;
  plan_status?: string;
}

/**
 * `POST /subscriptions`, `GET /subscriptions/{subscription_id}`, `POST .../manage`. The response
 * spells it `authorisation_details`; requests and payments say `authorization_details`.
 */
export interface CashfreeSubscriptionEntity {
  cf_subscription_id?: string | number;
  subscription_id: string;
  subscription_status: string;
  subscription_session_id?: string;
  plan_details?: { plan_id?: string | null } | null;
}

/** `data` of `SUBSCRIPTION_PAYMENT_*` webhooks: one charge (or authorization) of a subscription. */
export interface CashfreeSubscriptionPaymentData {
  payment_id?: string;
  cf_payment_id?: string | number;
  subscription_id?: string;
  cf_subscription_id?: string | number;
  /** `AUTH` or `CHARGE` from 2025-01-01; 2023-08-01 samples carry the instrument (`DEBIT_CARD`). */
  payment_type?: string;
  payment_amount?: number | string;
  /** From 2025-01-01 only. */
  payment_currency?: string;
  payment_status?: string;
  payment_initiated_date?: string;
  retry_attempts?: number | null;
  failure_details?: { failure_reason?: string | null } | null;
  /** 2023-08-01 spelling. */
  failureDetails?: { failureReason?: string | null } | null;
}

/** `data` of `SUBSCRIPTION_STATUS_CHANGED` (and 2023-08-01's `SUBSCRIPTION_STATUS_CHANGE`). */
export interface CashfreeSubscriptionStatusData {
  subscription_details?: {
    cf_subscription_id?: string | number;
    subscription_id?: string;
    subscription_status?: string;
    next_schedule_date?: string | null;
  } | null;
}
