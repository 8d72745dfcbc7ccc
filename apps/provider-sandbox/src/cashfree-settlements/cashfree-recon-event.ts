/** Cashfree's recon event types (x-api-version 2023-08-01). */
export type ReconEventType =
  | 'PAYMENT' | 'REFUND' | 'REFUND_REVERSAL' | 'DISPUTE' | 'DISPUTE_REVERSAL' | 'CHARGEBACK' | 'CHARGEBACK_REVERSAL' | 'OTHER_ADJUSTMENT';

/** The order and payment a recon event is about, as they stood when the day was settled. */
export interface ReconEventOrder {
  readonly orderId: string;
  readonly orderAmountMinor: number;
  readonly cfPaymentId: string;
  readonly paymentAmountMinor: number;
  readonly paymentTime: Date;
  readonly paymentUtr: string | null;
  readonly customer: { readonly name: string | null; readonly phone: string; readonly email: string | null };
}

/**
 * One money movement of a settlement, in paise. `amountMinor` is the event's own amount, never
 * signed: `saleType` says whether it adds to the settlement (CREDIT) or takes from it (DEBIT). The
 * service charge and its GST are those of this event: a payment's fee, a chargeback's dispute fee,
 * none on a refund or a reversal.
 */
export interface ReconEvent {
  /** Cashfree's id of the event: the payment's, refund's or dispute's own id, or a new one for a second movement of it. */
  readonly eventId: string;
  readonly eventType: ReconEventType;
  readonly saleType: 'CREDIT' | 'DEBIT';
  readonly amountMinor: number;
  readonly serviceChargeMinor: number;
  readonly serviceTaxMinor: number;
  readonly at: Date;
  /** Null for an adjustment with no order behind it. */
  readonly order: ReconEventOrder | null;
  readonly refund?: { readonly refundId: string; readonly cfRefundId: string; readonly note: string | null; readonly processedAt: Date };
  readonly dispute?: {
    readonly disputeId: string;
    readonly category: string;
    readonly closedInFavorOf: 'Merchant' | 'Customer' | null;
    readonly resolvedAt: Date | null;
  };
  readonly remarks: string | null;
}

/** What the event adds to or takes from the settlement, charges included: Cashfree's `event_settlement_amount`, never signed. */
export function eventSettlementAmount(event: ReconEvent): number {
  const charges = event.serviceChargeMinor + event.serviceTaxMinor;
  return event.saleType === 'CREDIT' ? event.amountMinor - charges : event.amountMinor + charges;
}

/** The same, signed: what the event does to the amount settled. */
export function signedSettlementAmount(event: ReconEvent): number {
  const magnitude = eventSettlementAmount(event);
  return event.saleType === 'CREDIT' ? magnitude : -magnitude;
}
