import { randomToken } from '../domain/sandbox-runtime';

/** The subset of the PaymentIntent lifecycle the sandbox simulates. */
export type PaymentIntentStatus = 'requires_payment_method' | 'succeeded' | 'canceled';

export type CancellationReason = 'duplicate' | 'fraudulent' | 'requested_by_customer' | 'abandoned';

export interface LastPaymentError {
  readonly type: 'card_error';
  readonly code: string;
  readonly decline_code: string;
  readonly message: string;
  readonly charge: string;
  readonly doc_url: string;
}

/** A PaymentIntent as Stripe's API returns it (fields the sandbox does not simulate are null). */
export interface SandboxPaymentIntent {
  readonly id: string;
  readonly object: 'payment_intent';
  readonly amount: number;
  readonly amount_capturable: number;
  readonly amount_received: number;
  readonly automatic_payment_methods: { readonly enabled: boolean } | null;
  readonly canceled_at: number | null;
  readonly cancellation_reason: CancellationReason | null;
  readonly capture_method: 'automatic_async';
  readonly client_secret: string;
  readonly confirmation_method: 'automatic';
  readonly created: number;
  readonly currency: string;
  readonly customer: null;
  readonly description: string | null;
  readonly last_payment_error: LastPaymentError | null;
  readonly latest_charge: string | null;
  readonly livemode: false;
  readonly metadata: Readonly<Record<string, string>>;
  readonly next_action: null;
  readonly payment_method: string | null;
  readonly payment_method_types: readonly string[];
  readonly receipt_email: string | null;
  readonly status: PaymentIntentStatus;
}

export interface CreatePaymentIntentParams {
  readonly amount: number;
  /** Lower-case, as Stripe stores it. */
  readonly currency: string;
  readonly description: string | null;
  readonly metadata: Readonly<Record<string, string>>;
  readonly receiptEmail: string | null;
  readonly automaticPaymentMethods: boolean;
  readonly paymentMethodTypes: readonly string[];
}

export function newPaymentIntent(id: string, params: CreatePaymentIntentParams, createdAt: number): SandboxPaymentIntent {
  return {
    id,
    object: 'payment_intent',
    amount: params.amount,
    amount_capturable: 0,
    amount_received: 0,
    automatic_payment_methods: params.automaticPaymentMethods ? { enabled: true } : null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic_async',
    client_secret: `${id}_secret_${randomToken(25)}`,
    confirmation_method: 'automatic',
    created: createdAt,
    currency: params.currency,
    customer: null,
    description: params.description,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: params.metadata,
    next_action: null,
    payment_method: null,
    payment_method_types: params.paymentMethodTypes.length > 0 ? params.paymentMethodTypes : ['card'],
    receipt_email: params.receiptEmail,
    status: 'requires_payment_method',
  };
}
