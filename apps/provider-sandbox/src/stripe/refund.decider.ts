import type { RefundStatus, SandboxRefund } from './refund';

/** What the card network (a sandbox control) does to a refund after it was created. */
export type RefundCommand =
  | { readonly type: 'Succeed' }
  | { readonly type: 'Fail'; readonly failureReason: string; readonly failureBalanceTransaction: string };

/** Stripe sends `refund.updated` for every change and, for a failure, `refund.failed` as well. */
export type RefundEventType = 'refund.updated' | 'refund.failed';

type CommandType = RefundCommand['type'];
interface Transition {
  readonly to: RefundStatus;
  readonly emits: readonly RefundEventType[];
}

/** Every allowed transition; anything not listed is refused. Only a pending refund moves. */
export const REFUND_TRANSITIONS: Readonly<Record<RefundStatus, Partial<Record<CommandType, Transition>>>> = {
  pending: {
    Succeed: { to: 'succeeded', emits: ['refund.updated'] },
    Fail: { to: 'failed', emits: ['refund.updated', 'refund.failed'] },
  },
  succeeded: {},
  failed: {},
};

export type RefundDecision =
  | { readonly ok: true; readonly refund: SandboxRefund; readonly emits: readonly RefundEventType[] }
  | { readonly ok: false; readonly refused: CommandType; readonly status: RefundStatus };

export function decide(refund: SandboxRefund, command: RefundCommand): RefundDecision {
  const transition = REFUND_TRANSITIONS[refund.status][command.type];
  if (!transition) return { ok: false, refused: command.type, status: refund.status };
  const changed = command.type === 'Fail'
    ? { ...refund, failure_reason: command.failureReason, failure_balance_transaction: command.failureBalanceTransaction }
    : refund;
  return { ok: true, refund: { ...changed, status: transition.to }, emits: transition.emits };
}

/** Why a refund cannot be created, in Stripe's terms. */
export type RefundRefusal =
  | { readonly reason: 'payment_not_succeeded' }
  | { readonly reason: 'already_refunded' }
  | { readonly reason: 'amount_too_large'; readonly requested: number; readonly remaining: number };

/**
 * How much a new refund takes: the amount asked, or all that is left when none is. A charge can
 * never be refunded beyond what it received, counting refunds still pending.
 */
export function refundableAmount(
  payment: { readonly succeeded: boolean; readonly amountReceived: number; readonly alreadyRefunded: number },
  requested: number | null,
): { readonly ok: true; readonly amount: number } | ({ readonly ok: false } & RefundRefusal) {
  if (!payment.succeeded) return { ok: false, reason: 'payment_not_succeeded' };
  const remaining = payment.amountReceived - payment.alreadyRefunded;
  if (remaining <= 0) return { ok: false, reason: 'already_refunded' };
  if (requested === null) return { ok: true, amount: remaining };
  if (requested > remaining) return { ok: false, reason: 'amount_too_large', requested, remaining };
  return { ok: true, amount: requested };
}
