import type { CancellationReason, PaymentIntentStatus, SandboxPaymentIntent } from './payment-intent';

/** What the customer (through the hosted page) or the merchant (through the API) does to a PaymentIntent. */
export type PaymentIntentCommand =
  | { readonly type: 'Pay'; readonly chargeId: string; readonly paymentMethodId: string }
  | { readonly type: 'Decline'; readonly chargeId: string; readonly declineCode: string; readonly message: string }
  | { readonly type: 'Cancel'; readonly reason: CancellationReason | null; readonly at: number };

export type PaymentIntentEventType = 'payment_intent.succeeded' | 'payment_intent.payment_failed' | 'payment_intent.canceled';

type CommandType = PaymentIntentCommand['type'];
interface Transition {
  readonly to: PaymentIntentStatus;
  readonly emits: PaymentIntentEventType;
}

/**
 * Every allowed transition; anything not listed is refused. A declined attempt leaves the
 * PaymentIntent payable, as at Stripe. `succeeded` and `canceled` are final.
 */
export const PAYMENT_INTENT_TRANSITIONS: Readonly<Record<PaymentIntentStatus, Partial<Record<CommandType, Transition>>>> = {
  requires_payment_method: {
    Pay: { to: 'succeeded', emits: 'payment_intent.succeeded' },
    Decline: { to: 'requires_payment_method', emits: 'payment_intent.payment_failed' },
    Cancel: { to: 'canceled', emits: 'payment_intent.canceled' },
  },
  succeeded: {},
  canceled: {},
};

export type PaymentIntentDecision =
  | { readonly ok: true; readonly intent: SandboxPaymentIntent; readonly emits: PaymentIntentEventType }
  | { readonly ok: false; readonly refused: CommandType; readonly status: PaymentIntentStatus; readonly allowedFrom: readonly PaymentIntentStatus[] };

/** The statuses from which a command is allowed, for Stripe's "only ... may be canceled" message. */
export function statusesAllowing(command: CommandType): PaymentIntentStatus[] {
  return (Object.keys(PAYMENT_INTENT_TRANSITIONS) as PaymentIntentStatus[]).filter((status) => PAYMENT_INTENT_TRANSITIONS[status][command]);
}

export function decide(intent: SandboxPaymentIntent, command: PaymentIntentCommand): PaymentIntentDecision {
  const transition = PAYMENT_INTENT_TRANSITIONS[intent.status][command.type];
  if (!transition) return { ok: false, refused: command.type, status: intent.status, allowedFrom: statusesAllowing(command.type) };
  return { ok: true, intent: { ...evolve(intent, command), status: transition.to }, emits: transition.emits };
}

function evolve(intent: SandboxPaymentIntent, command: PaymentIntentCommand): SandboxPaymentIntent {
  switch (command.type) {
    case 'Pay':
      return { ...intent, amount_received: intent.amount, latest_charge: command.chargeId, payment_method: command.paymentMethodId, last_payment_error: null };
    case 'Decline':
      return {
        ...intent,
        latest_charge: command.chargeId,
        payment_method: null,
        last_payment_error: {
          type: 'card_error',
          code: 'card_declined',
          decline_code: command.declineCode,
          message: command.message,
          charge: command.chargeId,
          doc_url: 'https://stripe.com/docs/error-codes/card-declined',
        },
      };
    case 'Cancel':
      return { ...intent, canceled_at: command.at, cancellation_reason: command.reason };
    default: {
      const unknown: never = command;
      throw new Error(`unknown PaymentIntent command ${JSON.stringify(unknown)}`);
    }
  }
}
