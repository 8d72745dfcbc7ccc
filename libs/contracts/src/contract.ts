import { Envelope, EnvelopeOrigin, createEnvelope } from './envelope';
import { Topic } from './topics';

/** A JSON Schema object (draft-07, as Ajv reads it). */
export type JsonSchema = Record<string, unknown>;

/** One message type at one version: its topic, its payload schema, and a typed constructor. */
export interface Contract<TPayload, TType extends string = string> {
  readonly type: TType;
  readonly version: number;
  readonly topic: Topic;
  readonly schema: JsonSchema;
  /** Phantom field carrying the payload type; never set at run time. */
  readonly _payload?: TPayload;
}

export function defineContract<TPayload>() {
  return <TType extends string>(spec: {
    type: TType;
    version: number;
    topic: Topic;
    schema: JsonSchema;
  }): Contract<TPayload, TType> => spec;
}

export type PayloadOf<C> = C extends Contract<infer P, string> ? P : never;
export type EnvelopeOf<C> = C extends Contract<infer P, infer T> ? Envelope<P, T> : never;

export function buildMessage<TPayload, TType extends string>(
  contract: Contract<TPayload, TType>,
  input: { key: string; payload: TPayload; origin: EnvelopeOrigin; occurredAt: Date; id?: string },
): Envelope<TPayload, TType> {
  return createEnvelope({ ...input, type: contract.type, version: contract.version });
}

export function isMessage<TPayload, TType extends string>(
  envelope: Envelope,
  contract: Contract<TPayload, TType>,
): envelope is Envelope<TPayload, TType> {
  return envelope.type === contract.type && envelope.version === contract.version;
}
