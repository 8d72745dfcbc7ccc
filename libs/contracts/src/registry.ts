import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { Contract, JsonSchema } from './contract';
import { Envelope } from './envelope';
import * as messages from './messages';

export class ContractViolationError extends Error {
  readonly code = 'CONTRACT.VIOLATION';
  constructor(
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(details.length > 0 ? `${message}: ${details.join('; ')}` : message);
    this.name = 'ContractViolationError';
  }
}

export const envelopeSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'type', 'version', 'occurredAt', 'correlationId', 'causationId', 'key', 'payload'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    type: { type: 'string', pattern: '^[A-Z][A-Za-z]+$' },
    version: { type: 'integer', minimum: 1 },
    occurredAt: { type: 'string', format: 'date-time' },
    correlationId: { type: 'string', minLength: 1, maxLength: 255 },
    causationId: { type: ['string', 'null'], maxLength: 255 },
    key: { type: 'string', minLength: 1, maxLength: 255 },
    payload: { type: 'object' },
  },
};

function isContract(value: unknown): value is Contract<unknown> {
  return typeof value === 'object' && value !== null && 'type' in value && 'schema' in value && 'topic' in value;
}

/** Every contract the system knows, keyed `Type@version`. */
export const CONTRACTS: ReadonlyMap<string, Contract<unknown>> = new Map(
  Object.values(messages)
    .filter(isContract)
    .map((contract) => [`${contract.type}@${contract.version}`, contract]),
);

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validateEnvelopeShape = ajv.compile(envelopeSchema);
const payloadValidators = new Map<string, ValidateFunction>(
  [...CONTRACTS].map(([id, contract]) => [id, ajv.compile(contract.schema)]),
);

function errorsOf(validate: ValidateFunction, prefix: string): string[] {
  return (validate.errors ?? []).map((error) => `${prefix}${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
}

/** Checks an envelope and its payload against the registered contract; throws ContractViolationError. */
export function validateEnvelope(value: unknown): Envelope {
  if (!validateEnvelopeShape(value)) {
    throw new ContractViolationError('envelope does not match the envelope schema', errorsOf(validateEnvelopeShape, 'envelope'));
  }
  const envelope = value as Envelope;
  const id = `${envelope.type}@${envelope.version}`;
  const validatePayload = payloadValidators.get(id);
  if (!validatePayload) {
    throw new ContractViolationError(`unknown message type ${id}`);
  }
  if (!validatePayload(envelope.payload)) {
    throw new ContractViolationError(`payload of ${id} does not match its schema`, errorsOf(validatePayload, 'payload'));
  }
  return envelope;
}

/** Parses a Kafka message value (UTF-8 JSON) and validates it. */
export function decodeEnvelope(raw: Buffer | string | null): Envelope {
  if (raw === null) throw new ContractViolationError('message has no value');
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch {
    throw new ContractViolationError('message value is not JSON');
  }
  return validateEnvelope(parsed);
}

export function encodeEnvelope(envelope: Envelope): Buffer {
  return Buffer.from(JSON.stringify(envelope), 'utf8');
}
