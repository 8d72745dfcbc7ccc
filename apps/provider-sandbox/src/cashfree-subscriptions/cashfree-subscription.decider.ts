import type { CashfreeSubscriptionRecord, CashfreeSubscriptionStatus, MandateAuthorization, SubscriptionPayment } from './cashfree-subscription';

export type CashfreeSubscriptionWebhookType =
  | 'SUBSCRIPTION_AUTH_STATUS' | 'SUBSCRIPTION_STATUS_CHANGED' | 'SUBSCRIPTION_PAYMENT_SUCCESS' | 'SUBSCRIPTION_PAYMENT_FAILED';

/** What the customer (authorization page), the merchant (`manage`) or time (a scheduled charge) does to a subscription. */
export type CashfreeSubscriptionCommand =
  /** `anchor`: when the first cycle is due (the approval, or a later `subscription_first_charge_time`). */
  | { readonly type: 'Authorize'; readonly payment: SubscriptionPayment; readonly authorization: MandateAuthorization; readonly anchor: Date }
  | { readonly type: 'FailAuthorization'; readonly payment: SubscriptionPayment }
  /** A charge of the cycle `cyclesPaid`: its first attempt on schedule, or a retry while ON_HOLD. */
  | { readonly type: 'Charge'; readonly payment: SubscriptionPayment }
  | { readonly type: 'Cancel' }
  | { readonly type: 'Pause' }
  | { readonly type: 'Activate' };

type CommandType = CashfreeSubscriptionCommand['type'];

/**
 * The commands each status accepts; anything else is refused. A failed authorization leaves the
 * subscription INITIALIZED (the customer may try again); a failed charge puts it ON_HOLD, where
 * the next charge retries the same cycle. CANCELLED and COMPLETED are final.
 */
export const CASHFREE_SUBSCRIPTION_TRANSITIONS: Readonly<Record<CashfreeSubscriptionStatus, readonly CommandType[]>> = {
  INITIALIZED: ['Authorize', 'FailAuthorization', 'Cancel'],
  ACTIVE: ['Charge', 'Cancel', 'Pause'],
  ON_HOLD: ['Charge', 'Cancel', 'Activate'],
  PAUSED: ['Cancel', 'Activate'],
  CANCELLED: [],
  COMPLETED: [],
};

export type CashfreeSubscriptionDecision =
  | { readonly ok: true; readonly subscription: CashfreeSubscriptionRecord; readonly emits: readonly CashfreeSubscriptionWebhookType[] }
  | { readonly ok: false; readonly refused: CommandType; readonly status: CashfreeSubscriptionStatus };

export function decide(subscription: CashfreeSubscriptionRecord, command: CashfreeSubscriptionCommand): CashfreeSubscriptionDecision {
  if (!CASHFREE_SUBSCRIPTION_TRANSITIONS[subscription.status].includes(command.type)) {
    return { ok: false, refused: command.type, status: subscription.status };
  }
  return { ok: true, ...evolve(subscription, command) };
}

const STATUS_CHANGED: CashfreeSubscriptionWebhookType = 'SUBSCRIPTION_STATUS_CHANGED';

function evolve(
  subscription: CashfreeSubscriptionRecord, command: CashfreeSubscriptionCommand,
): { subscription: CashfreeSubscriptionRecord; emits: readonly CashfreeSubscriptionWebhookType[] } {
  const moved = (status: CashfreeSubscriptionStatus, emits: CashfreeSubscriptionWebhookType[], change: Partial<CashfreeSubscriptionRecord> = {}) => {
    const next = { ...subscription, ...change, status };
    return { subscription: next, emits: status !== subscription.status && !emits.includes(STATUS_CHANGED) ? [...emits, STATUS_CHANGED] : emits };
  };
  const payments = 'payment' in command ? [...subscription.payments, command.payment] : subscription.payments;
  switch (command.type) {
    case 'Authorize':
      return moved('ACTIVE', ['SUBSCRIPTION_AUTH_STATUS'], { payments, authorization: command.authorization, anchor: command.anchor });
    case 'FailAuthorization':
      return moved('INITIALIZED', ['SUBSCRIPTION_AUTH_STATUS'], { payments });
    case 'Charge': {
      if (command.payment.status === 'FAILED') return moved('ON_HOLD', ['SUBSCRIPTION_PAYMENT_FAILED'], { payments });
      const cyclesPaid = subscription.cyclesPaid + 1;
      const done = subscription.plan.maxCycles !== null && cyclesPaid >= subscription.plan.maxCycles;
      return moved(done ? 'COMPLETED' : 'ACTIVE', ['SUBSCRIPTION_PAYMENT_SUCCESS'], { payments, cyclesPaid });
    }
    case 'Cancel':
      return moved('CANCELLED', []);
    case 'Pause':
      return moved('PAUSED', []);
    case 'Activate':
      return moved('ACTIVE', []);
    default: {
      const unknown: never = command;
      throw new Error(`unknown Cashfree subscription command ${JSON.stringify(unknown)}`);
    }
  }
}
