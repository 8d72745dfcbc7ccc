import type { SandboxBalanceTransaction } from '../stripe/balance-transaction';
import { DisputeStatus, EVIDENCE_FIELDS, EvidenceField, SandboxDispute } from './dispute';

/** Evidence fields to set; null clears one (an empty value in the request). */
export type EvidenceChanges = Partial<Record<EvidenceField, string | null>>;

/** What the merchant (through the API) or the card network (a sandbox control) does to a dispute. */
export type DisputeCommand =
  /** `POST /v1/disputes/:id` without `submit`: evidence and metadata saved, not yet sent. */
  | { readonly type: 'SaveEvidence'; readonly evidence: EvidenceChanges; readonly metadata: Readonly<Record<string, string>> }
  /** The same with `submit=true`: the evidence goes to the bank, which reviews it. */
  | { readonly type: 'SubmitEvidence'; readonly evidence: EvidenceChanges; readonly metadata: Readonly<Record<string, string>> }
  /** `POST /v1/disputes/:id/close`: the merchant concedes. */
  | { readonly type: 'Close' }
  /** The bank decides for the merchant: the funds come back. */
  | { readonly type: 'Win'; readonly reinstatement: SandboxBalanceTransaction }
  /** The bank decides for the customer. */
  | { readonly type: 'Lose' };

export type DisputeEventType = 'charge.dispute.updated' | 'charge.dispute.closed' | 'charge.dispute.funds_reinstated';

type CommandType = DisputeCommand['type'];
interface Transition {
  readonly to: DisputeStatus;
  readonly emits: readonly DisputeEventType[];
}

const WON: Transition = { to: 'won', emits: ['charge.dispute.closed', 'charge.dispute.funds_reinstated'] };
const LOST: Transition = { to: 'lost', emits: ['charge.dispute.closed'] };

/**
 * Every allowed transition; anything not listed is refused. Evidence can be changed until it is
 * submitted; the bank decides either way while the dispute is open. `won` and `lost` are final.
 */
export const DISPUTE_TRANSITIONS: Readonly<Record<DisputeStatus, Partial<Record<CommandType, Transition>>>> = {
  needs_response: {
    SaveEvidence: { to: 'needs_response', emits: ['charge.dispute.updated'] },
    SubmitEvidence: { to: 'under_review', emits: ['charge.dispute.updated'] },
    Close: LOST,
    Win: WON,
    Lose: LOST,
  },
  under_review: { Win: WON, Lose: LOST },
  won: {},
  lost: {},
};

export type DisputeDecision =
  | { readonly ok: true; readonly dispute: SandboxDispute; readonly emits: readonly DisputeEventType[] }
  | { readonly ok: false; readonly refused: CommandType; readonly status: DisputeStatus };

export function decide(dispute: SandboxDispute, command: DisputeCommand): DisputeDecision {
  const transition = DISPUTE_TRANSITIONS[dispute.status][command.type];
  if (!transition) return { ok: false, refused: command.type, status: dispute.status };
  return { ok: true, dispute: { ...evolve(dispute, command), status: transition.to }, emits: transition.emits };
}

function withEvidence(dispute: SandboxDispute, command: Extract<DisputeCommand, { evidence: unknown }>, submitted: boolean): SandboxDispute {
  const evidence = { ...dispute.evidence, ...command.evidence };
  const details = dispute.evidence_details;
  return {
    ...dispute,
    evidence,
    metadata: { ...dispute.metadata, ...command.metadata },
    evidence_details: {
      ...details,
      has_evidence: EVIDENCE_FIELDS.some((field) => evidence[field] !== null),
      submission_count: details.submission_count + (submitted ? 1 : 0),
      submission_method: submitted ? 'manual' : details.submission_method,
    },
  };
}

function evolve(dispute: SandboxDispute, command: DisputeCommand): SandboxDispute {
  switch (command.type) {
    case 'SaveEvidence':
      return withEvidence(dispute, command, false);
    case 'SubmitEvidence':
      return withEvidence(dispute, command, true);
    case 'Win':
      return { ...dispute, balance_transactions: [...dispute.balance_transactions, command.reinstatement] };
    case 'Close':
    case 'Lose':
      return dispute;
    default: {
      const unknown: never = command;
      throw new Error(`unknown dispute command ${JSON.stringify(unknown)}`);
    }
  }
}
