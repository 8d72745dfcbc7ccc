import { optionalBoolean, unknownBesidesExpand } from '../stripe-billing/billing-api.params';
import { ApiResponse, StripeErrors } from '../stripe/stripe-api.errors';
import { unexpandable } from '../stripe/stripe-list';
import { Params, ParamsResult, isError, isObject, parseInteger, parseMetadata, refuse } from '../stripe/stripe-params';
import { DISPUTE_REASONS, DisputeReason, EVIDENCE_FIELDS, EvidenceField } from './dispute';
import type { EvidenceChanges } from './dispute.decider';
import type { OpenDisputeParams } from './stripe-disputes.service';

/** Stripe's limits on evidence text: per field, and all fields of a dispute together. */
export const EVIDENCE_FIELD_MAX_LENGTH = 20_000;
export const EVIDENCE_TOTAL_MAX_LENGTH = 150_000;

export interface UpdateDisputeParams {
  readonly evidence: EvidenceChanges;
  readonly metadata: Readonly<Record<string, string>>;
  readonly submit: boolean;
}

/** The body of `POST /_sandbox/stripe/payment_intents/:id/dispute`: `{amount?, reason?, faults?}`. */
export function parseOpenDispute(body: Params | undefined): ParamsResult<OpenDisputeParams> {
  const params = body ?? {};
  const unknown = Object.keys(params).find((name) => !['amount', 'reason', 'faults'].includes(name));
  if (unknown) return refuse(StripeErrors.unknownParam(unknown));
  const amount = parseInteger(params.amount, 'amount', { min: 1, max: Number.MAX_SAFE_INTEGER });
  if (isError(amount)) return refuse(amount);
  const reason = params.reason ?? 'fraudulent';
  if (!DISPUTE_REASONS.includes(reason as DisputeReason)) {
    return refuse(StripeErrors.invalidParam('reason', `Invalid reason: must be one of ${DISPUTE_REASONS.join(', ')}`, 'parameter_invalid_enum'));
  }
  return { ok: true, params: { amount: amount ?? null, reason: reason as DisputeReason } };
}

/** The bank's decision on a dispute: the body of `POST /_sandbox/stripe/disputes/:id/resolve`. */
export type DisputeOutcome = 'won' | 'lost';
const OUTCOMES: readonly DisputeOutcome[] = ['won', 'lost'];

/** The body of `POST /_sandbox/stripe/disputes/:id/resolve`: `{outcome: 'won' | 'lost', faults?}`. */
export function parseResolveDispute(body: Params | undefined): ParamsResult<DisputeOutcome> {
  const params = body ?? {};
  const unknown = Object.keys(params).find((name) => !['outcome', 'faults'].includes(name));
  if (unknown) return refuse(StripeErrors.unknownParam(unknown));
  if (params.outcome === undefined) return refuse(StripeErrors.missingParam('outcome'));
  if (!OUTCOMES.includes(params.outcome as DisputeOutcome)) {
    return refuse(StripeErrors.invalidParam('outcome', `Invalid outcome: must be one of ${OUTCOMES.join(', ')}`, 'parameter_invalid_enum'));
  }
  return { ok: true, params: params.outcome as DisputeOutcome };
}

function parseEvidence(raw: unknown): EvidenceChanges | ApiResponse {
  if (raw === undefined || raw === '') return {};
  if (!isObject(raw)) return StripeErrors.invalidParam('evidence', 'Invalid object', 'parameter_invalid_object');
  const changes: EvidenceChanges = {};
  for (const [field, value] of Object.entries(raw)) {
    const param = `evidence[${field}]`;
    if (!EVIDENCE_FIELDS.includes(field as EvidenceField)) return StripeErrors.unknownParam(param);
    if (typeof value !== 'string') return StripeErrors.invalidParam(param, `Invalid string: ${param} must be a string`, 'parameter_invalid_string');
    if (value.length > EVIDENCE_FIELD_MAX_LENGTH) {
      return StripeErrors.invalidParam(param, `${param} can be at most ${EVIDENCE_FIELD_MAX_LENGTH} characters long.`, 'parameter_invalid_string');
    }
    changes[field as EvidenceField] = value === '' ? null : value;
  }
  const total = Object.values(changes).reduce((sum, value) => sum + (value?.length ?? 0), 0);
  if (total > EVIDENCE_TOTAL_MAX_LENGTH) {
    return StripeErrors.invalidParam('evidence', `The evidence can hold at most ${EVIDENCE_TOTAL_MAX_LENGTH} characters in all.`, 'parameter_invalid_string');
  }
  return changes;
}

/** The form body of `POST /v1/disputes/:id`: `evidence[...]`, `metadata[...]`, `submit`. */
export function parseUpdateDispute(params: Params): ParamsResult<UpdateDisputeParams> {
  const unknown = unknownBesidesExpand(params, ['evidence', 'metadata', 'submit']);
  if (unknown) return refuse(StripeErrors.unknownParam(unknown));
  const notExpandable = unexpandable(params, []);
  if (notExpandable) return refuse(notExpandable);
  const evidence = parseEvidence(params.evidence);
  if (isError(evidence)) return refuse(evidence);
  const metadata = parseMetadata(params.metadata);
  if (isError(metadata)) return refuse(metadata);
  const submit = optionalBoolean(params, 'submit');
  if (isError(submit)) return refuse(submit);
  return { ok: true, params: { evidence, metadata, submit: submit ?? false } };
}
