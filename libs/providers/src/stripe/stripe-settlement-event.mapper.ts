import type Stripe from 'stripe';
import type { NeutralEventKind } from '../port/provider-event.types';
import { WebhookPayloadError } from '../port/provider.errors';
import { reasonCodeOf } from '../port/reason-code';
import {
  definedFields, optionalCurrencyField, optionalMinorUnitsField, optionalUnixTimeField, tokenField, unixSecondsField,
} from '../port/webhook-fields';
import type { ObjectFields, StripeEventMapping } from './stripe-event.mapper';

/*
 * Stripe's dispute and payout events (what `SettlementProviderPort` acts on). A dispute names its payment by `payment_intent` and carries
 * no metadata of ours, so its events have no order id: consumers find the order by the payment.
 * The dispute fee is the fee of the withdrawal among the dispute's `balance_transactions`.
 */

const idOf = (ref: string | { id: string } | null | undefined) => (typeof ref === 'string' ? ref : ref?.id);
const orderIdOf = (metadata: Stripe.Metadata | null | undefined) => (typeof metadata?.order_id === 'string' && metadata.order_id !== '' ? metadata.order_id : null);

function required<T>(value: T | null, path: string): T {
  if (value === null) throw new WebhookPayloadError('WEBHOOK.MISSING_FIELD', `the webhook has no ${path}`);
  return value;
}

/** The fee withdrawn with the dispute's funds, when the event shows the withdrawal. */
function withdrawalFee(dispute: Stripe.Dispute): number | undefined {
  const transactions = Array.isArray(dispute.balance_transactions) ? dispute.balance_transactions : [];
  const index = transactions.findIndex((transaction) => transaction?.reporting_category === 'dispute' || transaction?.amount < 0);
  if (index < 0) return undefined;
  return optionalMinorUnitsField(transactions[index].fee, `data.object.balance_transactions[${index}].fee`) ?? undefined;
}

function disputeEvent(kindOf: (status: string) => NeutralEventKind): StripeEventMapping {
  return (object): ObjectFields => {
    const dispute = object as Stripe.Dispute;
    const disputeId = tokenField(dispute.id, 'data.object.id');
    const status = tokenField(dispute.status, 'data.object.status', 64);
    const amountMinor = required(optionalMinorUnitsField(dispute.amount, 'data.object.amount'), 'data.object.amount');
    const currency = required(optionalCurrencyField(dispute.currency, 'data.object.currency'), 'data.object.currency');
    const intent = idOf(dispute.payment_intent);
    const paymentId = intent === undefined || intent === null ? null : tokenField(intent, 'data.object.payment_intent');
    return {
      kind: kindOf(status), providerObjectId: disputeId, providerPaymentReference: paymentId ?? undefined, orderId: orderIdOf(dispute.metadata),
      amountMinor, currency, reason: dispute.reason ?? undefined, reasonCode: reasonCodeOf(dispute.reason),
      dispute: definedFields({
        disputeId, paymentId, status, amountMinor, currency,
        feeMinor: withdrawalFee(dispute),
        respondBy: optionalUnixTimeField(dispute.evidence_details?.due_by, 'data.object.evidence_details.due_by'),
        inquiry: status.startsWith('warning_'),
      }),
    };
  };
}

/** A closed dispute: `won` gives the funds back, `lost` keeps them gone; a closed inquiry (`warning_closed`) moved no money. */
const closedKind = (status: string): NeutralEventKind => (status === 'won' ? 'dispute.won' : status === 'lost' ? 'dispute.lost' : 'dispute.updated');

/** A payout reached the bank: its day (the UTC day of `arrival_date`) can be reconciled. Its lines carry the amounts. */
const payoutPaid: StripeEventMapping = (object) => {
  const payout = object as Stripe.Payout;
  const settlementId = tokenField(payout.id, 'data.object.id');
  const arrival = unixSecondsField(payout.arrival_date, 'data.object.arrival_date');
  return {
    kind: 'settlement.paid', providerObjectId: settlementId, orderId: null, amountMinor: null,
    currency: optionalCurrencyField(payout.currency, 'data.object.currency'),
    settlement: { settlementId, date: new Date(arrival * 1000).toISOString().slice(0, 10) },
  };
};

/**
 * Dispute and payout event types, merged into `STRIPE_EVENT_MAPPINGS`. `charge.dispute.funds_withdrawn`
 * and `.funds_reinstated` are absent on purpose: the money they report is already in
 * `dispute.opened` (with the fee) and `dispute.won`, and in the payout's balance transactions.
 */
export const STRIPE_SETTLEMENT_EVENT_MAPPINGS: Readonly<Record<string, StripeEventMapping>> = {
  /** A dispute was opened (a chargeback, or an inquiry: `warning_needs_response`, `dispute.inquiry`). */
  'charge.dispute.created': disputeEvent(() => 'dispute.opened'),
  /** Evidence was saved or submitted, or the dispute moved on while still open. */
  'charge.dispute.updated': disputeEvent(() => 'dispute.updated'),
  /** Closed: won, lost (or conceded), or an inquiry closed without a chargeback. */
  'charge.dispute.closed': disputeEvent(closedKind),
  /** The payout is expected in the bank. */
  'payout.paid': payoutPaid,
  /** The payout's balance transactions can now be listed (`GET /v1/balance_transactions?payout=`). */
  'payout.reconciliation_completed': payoutPaid,
};
