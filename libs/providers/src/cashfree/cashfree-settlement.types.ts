/*
 * The settlement, recon and dispute shapes of Cashfree PG (x-api-version 2023-08-01) the adapter
 * reads. Amounts are JSON decimals in rupees; ids may be numbers or strings, so they are read with
 * `String()`. Every field is optional here: the readers say which ones a row cannot do without.
 */

type Amount = number | string | null;
type Id = string | number | null;

/** One page of `POST /settlements` or `POST /settlement/recon`: `cursor` is null (or absent) on the last. */
export interface CashfreePage<T> {
  cursor?: string | null;
  limit?: number;
  data?: T[] | null;
}

/**
 * One settlement of `POST /settlements`. 2023-08-01's OpenAPI types the item as the per-order
 * `SettlementEntity`; the settlement-wide fields (`amount_settled`, `settled_on`, `utr`...) are
 * those of the `SETTLEMENT_SUCCESS` webhook.
 */
export interface CashfreeSettlementItem {
  cf_settlement_id?: Id;
  settlement_id?: Id;
  status?: string | null;
  settlement_currency?: string | null;
  payment_amount?: Amount;
  service_charge?: Amount;
  service_tax?: Amount;
  settlement_amount?: Amount;
  adjustment?: Amount;
  amount_settled?: Amount;
  settled_on?: string | null;
  settlement_initiated_on?: string | null;
  transfer_time?: string | null;
  settlement_utr?: string | null;
  utr?: string | null;
  transfer_utr?: string | null;
}

/** One flat event row of `POST /settlement/recon` (2023-08-01; later versions nest them). */
export interface CashfreeReconRow {
  event_id?: Id;
  /** PAYMENT, REFUND, REFUND_REVERSAL, DISPUTE, DISPUTE_REVERSAL, CHARGEBACK, CHARGEBACK_REVERSAL, OTHER_ADJUSTMENT. */
  event_type?: string | null;
  /** What the event adds to (CREDIT) or takes from (DEBIT) the settlement, charges included; never signed. */
  event_settlement_amount?: Amount;
  /** The payment's, refund's or dispute's own amount; never signed. */
  event_amount?: Amount;
  sale_type?: string | null;
  event_status?: string | null;
  event_time?: string | null;
  event_currency?: string | null;
  order_id?: string | null;
  cf_payment_id?: Id;
  /** The service charge and its GST on this event (a chargeback's dispute fee; none on a refund). */
  payment_service_charge?: Amount;
  payment_service_tax?: Amount;
  cf_settlement_id?: Id;
  refund_id?: string | null;
}

/** `GET /disputes/{dispute_id}`, `GET /orders/{order_id}/disputes`, and the answers to accepting and contesting. */
export interface CashfreeDisputeEntity {
  dispute_id?: Id;
  /** DISPUTE, CHARGEBACK, RETRIEVAL, PRE_ARBITRATION, ARBITRATION. */
  dispute_type?: string | null;
  /** `<dispute_type>_<CREATED|DOCS_RECEIVED|UNDER_REVIEW|MERCHANT_WON|MERCHANT_LOST|MERCHANT_ACCEPTED|INSUFFICIENT_EVIDENCE>`. */
  dispute_status?: string | null;
  dispute_amount?: Amount;
  reason_code?: string | null;
  reason_description?: string | null;
  respond_by?: string | null;
  order_details?: CashfreeDisputeOrderDetails | null;
}

export interface CashfreeDisputeOrderDetails {
  order_id?: string | null;
  order_currency?: string | null;
  cf_payment_id?: Id;
  payment_currency?: string | null;
}

/** `data` of `DISPUTE_CREATED|UPDATED|CLOSED`: the dispute, and beside it the order and the customer. */
export interface CashfreeDisputeWebhookData {
  dispute?: CashfreeDisputeEntity | null;
  order_details?: CashfreeDisputeOrderDetails | null;
}

/** `data` of `SETTLEMENT_SUCCESS` (and `_INITIATED|_FAILED|_REVERSED`, which we do not act on). */
export interface CashfreeSettlementWebhookData {
  settlement?: {
    settlement_id?: Id;
    status?: string | null;
    amount_settled?: Amount;
    settled_on?: string | null;
    settlement_initiated_on?: string | null;
    payment_till?: string | null;
  } | null;
}
