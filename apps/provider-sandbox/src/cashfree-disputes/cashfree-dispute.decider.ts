import type { CashfreeDisputeStage, DisputeDocument, SandboxCashfreeDispute } from './cashfree-dispute';

/** What the merchant (API) or the customer's bank (control endpoint) does to an open dispute. */
export type CashfreeDisputeCommand =
  | { readonly type: 'SubmitDocuments'; readonly document: DisputeDocument; readonly at: Date }
  | { readonly type: 'Accept'; readonly at: Date }
  | { readonly type: 'Resolve'; readonly outcome: 'won' | 'lost'; readonly at: Date };

export type CashfreeDisputeWebhookType = 'DISPUTE_CREATED' | 'DISPUTE_UPDATED' | 'DISPUTE_CLOSED';

/** A command as the transition table names it: a resolution by its outcome. */
export type DisputeCommandKey = 'SubmitDocuments' | 'Accept' | 'ResolveWon' | 'ResolveLost';

interface Transition {
  readonly to: CashfreeDisputeStage;
  readonly emits: CashfreeDisputeWebhookType;
}

const OPEN: Readonly<Record<DisputeCommandKey, Transition>> = {
  SubmitDocuments: { to: 'DOCS_RECEIVED', emits: 'DISPUTE_UPDATED' },
  Accept: { to: 'MERCHANT_ACCEPTED', emits: 'DISPUTE_CLOSED' },
  ResolveWon: { to: 'MERCHANT_WON', emits: 'DISPUTE_CLOSED' },
  ResolveLost: { to: 'MERCHANT_LOST', emits: 'DISPUTE_CLOSED' },
};

/**
 * Every allowed transition; anything not listed is refused. An open dispute (CREATED, or
 * DOCS_RECEIVED after documents, which may come more than once) is accepted by the merchant or
 * resolved by the bank; WON, LOST and ACCEPTED are final.
 */
export const DISPUTE_TRANSITIONS: Readonly<Record<CashfreeDisputeStage, Partial<Record<DisputeCommandKey, Transition>>>> = {
  CREATED: OPEN,
  DOCS_RECEIVED: OPEN,
  MERCHANT_WON: {},
  MERCHANT_LOST: {},
  MERCHANT_ACCEPTED: {},
};

export type CashfreeDisputeDecision =
  | { readonly ok: true; readonly dispute: SandboxCashfreeDispute; readonly emits: CashfreeDisputeWebhookType }
  | { readonly ok: false; readonly refused: DisputeCommandKey; readonly stage: CashfreeDisputeStage };

export function commandKey(command: CashfreeDisputeCommand): DisputeCommandKey {
  switch (command.type) {
    case 'SubmitDocuments':
    case 'Accept':
      return command.type;
    case 'Resolve':
      return command.outcome === 'won' ? 'ResolveWon' : 'ResolveLost';
    default: {
      const unknown: never = command;
      throw new Error(`unknown Cashfree dispute command ${JSON.stringify(unknown)}`);
    }
  }
}

export function decide(dispute: SandboxCashfreeDispute, command: CashfreeDisputeCommand): CashfreeDisputeDecision {
  const key = commandKey(command);
  const transition = DISPUTE_TRANSITIONS[dispute.stage][key];
  if (!transition) return { ok: false, refused: key, stage: dispute.stage };
  const closes = transition.emits === 'DISPUTE_CLOSED';
  const documents = command.type === 'SubmitDocuments' ? [...dispute.documents, command.document] : dispute.documents;
  const next: SandboxCashfreeDispute = { ...dispute, stage: transition.to, updatedAt: command.at, resolvedAt: closes ? command.at : null, documents };
  return { ok: true, dispute: next, emits: transition.emits };
}
