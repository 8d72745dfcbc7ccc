import type { AttemptError, CashfreeOrderStatus, PaymentAttempt, PaymentMethodChoice, SandboxCashfreeOrder } from './cashfree-order';

interface AttemptFields {
  readonly cfPaymentId: string;
  readonly method: PaymentMethodChoice;
  readonly at: Date;
}

/** What the customer (hosted page, control endpoint), the merchant (API) or time does to an order. */
export type CashfreeOrderCommand =
  | ({ readonly type: 'Pay'; readonly bankReference: string } & AttemptFields)
  | ({ readonly type: 'Decline'; readonly error: AttemptError } & AttemptFields)
  | ({ readonly type: 'Abandon' } & AttemptFields)
  | { readonly type: 'Terminate' }
  | { readonly type: 'Expire' };

export type CashfreePaymentWebhookType = 'PAYMENT_SUCCESS_WEBHOOK' | 'PAYMENT_FAILED_WEBHOOK' | 'PAYMENT_USER_DROPPED_WEBHOOK';

type CommandType = CashfreeOrderCommand['type'];
interface Transition {
  readonly to: CashfreeOrderStatus;
  readonly emits: CashfreePaymentWebhookType | null;
}

/**
 * Every allowed transition; anything not listed is refused. As at Cashfree, a failed or dropped
 * attempt leaves the order ACTIVE: the customer may try again with a new attempt. PAID, EXPIRED
 * and TERMINATED are final.
 */
export const ORDER_TRANSITIONS: Readonly<Record<CashfreeOrderStatus, Partial<Record<CommandType, Transition>>>> = {
  ACTIVE: {
    Pay: { to: 'PAID', emits: 'PAYMENT_SUCCESS_WEBHOOK' },
    Decline: { to: 'ACTIVE', emits: 'PAYMENT_FAILED_WEBHOOK' },
    Abandon: { to: 'ACTIVE', emits: 'PAYMENT_USER_DROPPED_WEBHOOK' },
    Terminate: { to: 'TERMINATED', emits: null },
    Expire: { to: 'EXPIRED', emits: null },
  },
  PAID: {},
  EXPIRED: {},
  TERMINATED: {},
};

export type CashfreeOrderDecision =
  | { readonly ok: true; readonly order: SandboxCashfreeOrder; readonly attempt: PaymentAttempt | null; readonly emits: CashfreePaymentWebhookType | null }
  | { readonly ok: false; readonly refused: CommandType; readonly status: CashfreeOrderStatus };

export function decide(order: SandboxCashfreeOrder, command: CashfreeOrderCommand): CashfreeOrderDecision {
  const transition = ORDER_TRANSITIONS[order.status][command.type];
  if (!transition) return { ok: false, refused: command.type, status: order.status };
  const attempt = attemptOf(order, command);
  const attempts = attempt ? [...order.attempts, attempt] : order.attempts;
  return { ok: true, order: { ...order, status: transition.to, attempts }, attempt, emits: transition.emits };
}

function attemptOf(order: SandboxCashfreeOrder, command: CashfreeOrderCommand): PaymentAttempt | null {
  switch (command.type) {
    case 'Pay':
      return { ...attemptBase(order, command), status: 'SUCCESS', message: 'Transaction success', bankReference: command.bankReference, error: null };
    case 'Decline':
      return { ...attemptBase(order, command), status: 'FAILED', message: command.error.description, bankReference: null, error: command.error };
    case 'Abandon':
      return {
        ...attemptBase(order, command),
        status: 'USER_DROPPED',
        message: 'User dropped and did not complete the payment',
        bankReference: null,
        error: { code: 'USER_DROPPED', description: 'user dropped and did not complete the payment', reason: 'user_dropped', source: 'customer' },
      };
    case 'Terminate':
    case 'Expire':
      return null;
    default: {
      const unknown: never = command;
      throw new Error(`unknown Cashfree order command ${JSON.stringify(unknown)}`);
    }
  }
}

function attemptBase(order: SandboxCashfreeOrder, command: AttemptFields) {
  return { cfPaymentId: command.cfPaymentId, method: command.method, at: command.at, amountMinor: order.amountMinor };
}
