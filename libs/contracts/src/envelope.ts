import { randomUUID } from 'node:crypto';

/** The one shape of every message on every topic. */
export interface Envelope<TPayload = unknown, TType extends string = string> {
  readonly id: string;
  readonly type: TType;
  readonly version: number;
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly key: string;
  readonly payload: TPayload;
}

export interface EnvelopeOrigin {
  /** The message (or request) that caused this one; its correlation id is carried over. */
  readonly correlationId: string;
  readonly causationId?: string | null;
}

export interface NewEnvelope<TPayload, TType extends string> {
  readonly type: TType;
  readonly version: number;
  readonly key: string;
  readonly payload: TPayload;
  readonly origin: EnvelopeOrigin;
  readonly occurredAt: Date;
  readonly id?: string;
}

export function createEnvelope<TPayload, TType extends string>(
  input: NewEnvelope<TPayload, TType>,
): Envelope<TPayload, TType> {
  return {
    id: input.id ?? randomUUID(),
    type: input.type,
    version: input.version,
    occurredAt: input.occurredAt.toISOString(),
    correlationId: input.origin.correlationId,
    causationId: input.origin.causationId ?? null,
    key: input.key,
    payload: input.payload,
  };
}

/** The origin for messages caused by `envelope`: same correlation, caused by it. */
export function causedBy(envelope: Pick<Envelope, 'id' | 'correlationId'>): EnvelopeOrigin {
  return { correlationId: envelope.correlationId, causationId: envelope.id };
}
