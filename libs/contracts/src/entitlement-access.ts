import { Envelope } from './envelope';
import { ContractViolationError, decodeEnvelope } from './registry';
import { ProductKind } from './messages/common';
import { EntitlementGrantedV1 } from './messages/entitlement-granted.v1';
import { EntitlementRevokedV1, EntitlementValidityChangedV1 } from './messages/entitlement-lifecycle.v1';

/*
 * The LMS contract seen from the consumer's side: what one entitlement's messages add up to. The
 * three topics are not ordered with each other (a change or a revoke may arrive before its grant),
 * and each message may arrive twice, so the rules are: a revoke is final; otherwise the highest
 * `sequence` wins (a grant is sequence 1). Applying the same messages in any order, any number of
 * times, gives the same access. docs/lms-consumer.md shows a consumer built on it.
 */

export type EntitlementAccessStatus = 'active' | 'suspended' | 'revoked';

/** What a consumer knows about one entitlement. */
export interface EntitlementAccess {
  readonly entitlementId: string;
  readonly userId: string;
  readonly productId: string;
  readonly kind: ProductKind;
  readonly subscriptionId: string | null;
  readonly status: EntitlementAccessStatus;
  /** null: access with no end (a one-time purchase). */
  readonly validUntil: string | null;
  /** The highest sequence applied: 1 for the grant, a validity change's own. */
  readonly sequence: number;
}

export type EntitlementAccessMessage =
  | Envelope<EntitlementGrantedV1, 'EntitlementGranted'>
  | Envelope<EntitlementValidityChangedV1, 'EntitlementValidityChanged'>
  | Envelope<EntitlementRevokedV1, 'EntitlementRevoked'>;

const LMS_TYPES: ReadonlySet<string> = new Set(['EntitlementGranted', 'EntitlementValidityChanged', 'EntitlementRevoked']);

/**
 * A Kafka message value from the LMS topics, checked against the envelope's and its payload's JSON
 * Schemas; throws ContractViolationError for anything else.
 */
export function decodeEntitlementMessage(raw: Buffer | string | null): EntitlementAccessMessage {
  const envelope = decodeEnvelope(raw);
  if (!LMS_TYPES.has(envelope.type)) throw new ContractViolationError(`${envelope.type} is not an entitlement message`);
  return envelope as EntitlementAccessMessage;
}

/** The entitlement after `message`; `current` is what was known before (undefined: nothing). */
export function applyEntitlementMessage(current: EntitlementAccess | undefined, message: EntitlementAccessMessage): EntitlementAccess {
  switch (message.type) {
    case 'EntitlementGranted': {
      const { validUntil, subscriptionId } = message.payload;
      return newer(current, { ...identityOf(message.payload), subscriptionId: subscriptionId ?? null, status: 'active', validUntil: validUntil ?? null, sequence: 1 });
    }
    case 'EntitlementValidityChanged': {
      const { status, validUntil, sequence, subscriptionId } = message.payload;
      return newer(current, { ...identityOf(message.payload), subscriptionId: subscriptionId ?? null, status, validUntil: validUntil ?? null, sequence });
    }
    case 'EntitlementRevoked': {
      const { subscriptionId } = message.payload;
      const known = current ?? { ...identityOf(message.payload), subscriptionId: subscriptionId ?? null, validUntil: null, sequence: 0 };
      return { ...known, status: 'revoked' };
    }
  }
}

/** Whether the user may use the product at `now`: active, and within its validity when it has one. */
export function hasAccess(access: EntitlementAccess | undefined, now: Date): boolean {
  return access?.status === 'active' && (access.validUntil === null || Date.parse(access.validUntil) > now.getTime());
}

function newer(current: EntitlementAccess | undefined, candidate: EntitlementAccess): EntitlementAccess {
  if (!current) return candidate;
  if (current.status === 'revoked') return { ...current, validUntil: laterOf(current, candidate).validUntil, sequence: Math.max(current.sequence, candidate.sequence) };
  return laterOf(current, candidate);
}

const laterOf = (a: EntitlementAccess, b: EntitlementAccess) => (b.sequence > a.sequence ? b : a);

function identityOf(payload: { entitlementId: string; userId: string; productId: string; kind: ProductKind }) {
  const { entitlementId, userId, productId, kind } = payload;
  return { entitlementId, userId, productId, kind };
}
