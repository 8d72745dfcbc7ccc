import type { SandboxPaymentIntent } from './payment-intent';

/** The charge behind a succeeded PaymentIntent, as Stripe's `charge.*` events carry it. */
export interface SandboxCharge {
  readonly id: string;
  readonly object: 'charge';
  readonly amount: number;
  readonly amount_captured: number;
  readonly amount_refunded: number;
  readonly billing_details: { readonly address: null; readonly email: null; readonly name: null; readonly phone: null };
  readonly captured: true;
  readonly created: number;
  readonly currency: string;
  readonly description: string | null;
  /** True once a dispute was opened against it, for good. */
  readonly disputed: boolean;
  readonly livemode: false;
  readonly metadata: Readonly<Record<string, string>>;
  readonly paid: true;
  readonly payment_intent: string;
  readonly receipt_email: string | null;
  /** True once the whole amount is refunded. */
  readonly refunded: boolean;
  readonly status: 'succeeded';
}

/** The succeeded charge of `intent` (its `latest_charge`), paid at `paidAt`, with `amountRefunded` refunded so far. */
export function chargeOf(intent: SandboxPaymentIntent, paidAt: number, amountRefunded: number, disputed = false): SandboxCharge {
  return {
    id: intent.latest_charge ?? `ch_of_${intent.id}`,
    object: 'charge',
    amount: intent.amount,
    amount_captured: intent.amount_received,
    amount_refunded: amountRefunded,
    billing_details: { address: null, email: null, name: null, phone: null },
    captured: true,
    created: paidAt,
    currency: intent.currency,
    description: intent.description,
    disputed,
    livemode: false,
    metadata: intent.metadata,
    paid: true,
    payment_intent: intent.id,
    receipt_email: intent.receipt_email,
    refunded: amountRefunded >= intent.amount_received,
    status: 'succeeded',
  };
}
