import type { CheckoutSessionStatus, SandboxCheckoutSession } from './checkout-session';

/** What the customer (on the hosted page) or the merchant (through the API) does to a Checkout Session. */
export type CheckoutSessionCommand =
  /** The customer's first payment attempt created this PaymentIntent. */
  | { readonly type: 'AttachPaymentIntent'; readonly paymentIntentId: string }
  /** The PaymentIntent succeeded; in subscription mode, the first invoice was paid and `billing` names what Stripe created. */
  | { readonly type: 'Complete'; readonly billing?: SubscriptionLinks }
  /** The merchant expired the session, or its `expires_at` passed. */
  | { readonly type: 'Expire' };

/** What completing a subscription-mode session creates. */
export interface SubscriptionLinks {
  readonly customer: string;
  readonly subscription: string;
  readonly invoice: string;
}

export type CheckoutSessionEventType = 'checkout.session.completed' | 'checkout.session.expired';

type CommandType = CheckoutSessionCommand['type'];
interface Transition {
  readonly to: CheckoutSessionStatus;
  /** Null: the change is visible on the session, but Stripe sends no event for it. */
  readonly emits: CheckoutSessionEventType | null;
}

/** Every allowed transition; anything not listed is refused. `complete` and `expired` are final. */
export const CHECKOUT_SESSION_TRANSITIONS: Readonly<Record<CheckoutSessionStatus, Partial<Record<CommandType, Transition>>>> = {
  open: {
    AttachPaymentIntent: { to: 'open', emits: null },
    Complete: { to: 'complete', emits: 'checkout.session.completed' },
    Expire: { to: 'expired', emits: 'checkout.session.expired' },
  },
  complete: {},
  expired: {},
};

export type CheckoutSessionDecision =
  | { readonly ok: true; readonly session: SandboxCheckoutSession; readonly emits: CheckoutSessionEventType | null }
  | { readonly ok: false; readonly refused: CommandType; readonly status: CheckoutSessionStatus };

export function decide(session: SandboxCheckoutSession, command: CheckoutSessionCommand): CheckoutSessionDecision {
  const transition = CHECKOUT_SESSION_TRANSITIONS[session.status][command.type];
  if (!transition) return { ok: false, refused: command.type, status: session.status };
  return { ok: true, session: { ...evolve(session, command), status: transition.to }, emits: transition.emits };
}

function evolve(session: SandboxCheckoutSession, command: CheckoutSessionCommand): SandboxCheckoutSession {
  switch (command.type) {
    case 'AttachPaymentIntent':
      return { ...session, payment_intent: command.paymentIntentId };
    case 'Complete':
      return { ...session, payment_status: 'paid', url: null, ...(command.billing ?? {}) };
    case 'Expire':
      return { ...session, url: null };
    default: {
      const unknown: never = command;
      throw new Error(`unknown Checkout Session command ${JSON.stringify(unknown)}`);
    }
  }
}
