import Ajv, { ErrorObject } from 'ajv';
import subset from './fixtures/stripe-openapi.subset.json';

/** The Stripe objects the drift check compares the sandbox with. */
export type StripeSchemaName = 'payment_intent' | 'checkout.session' | 'refund' | 'charge' | 'event' | 'error';

/**
 * Stripe leaves its objects open (no `additionalProperties: false`); we close these top-level ones,
 * so a field Stripe does not have (a private dialect) fails the check, not only a wrong type.
 */
const CLOSED: readonly string[] = ['payment_intent', 'checkout.session', 'refund', 'charge', 'event', 'error', 'api_errors'];
const DOCUMENT_ID = 'stripe-openapi-subset';

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * OpenAPI 3.0 into JSON Schema: `nullable: true` becomes a `null` type (added to an `enum` too, or
 * as one more `anyOf` branch), and `#/components/schemas/x` refs point at `$defs/x`.
 */
function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (!isNode(value)) return value;
  const { nullable, ...rest } = value;
  const node: Node = Object.fromEntries(Object.entries(rest).map(([key, child]) => [key, toJsonSchema(child)]));
  if (typeof node.$ref === 'string') node.$ref = node.$ref.replace('#/components/schemas/', '#/$defs/');
  if (nullable !== true) return node;
  if (typeof node.type === 'string') {
    node.type = [node.type, 'null'];
    if (Array.isArray(node.enum)) node.enum = [...node.enum, null];
    return node;
  }
  if (Array.isArray(node.anyOf)) return { ...node, anyOf: [...node.anyOf, { type: 'null' }] };
  return node;
}

function buildValidator(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true });
  // Stripe's timestamps: integer unix seconds.
  ajv.addFormat('unix-time', { type: 'number', validate: (value: number) => Number.isInteger(value) });
  const $defs = Object.fromEntries(Object.entries(subset.components.schemas).map(([name, schema]) => {
    const converted = toJsonSchema(schema) as Node;
    return [name, CLOSED.includes(name) ? { ...converted, additionalProperties: false } : converted];
  }));
  ajv.addSchema({ $id: DOCUMENT_ID, $defs });
  return ajv;
}

let ajv: Ajv | undefined;

/** Checks `value` against Stripe's schema `name`; returns the violations, empty when it conforms. */
export function stripeSchemaViolations(name: StripeSchemaName, value: unknown): string[] {
  ajv ??= buildValidator();
  const validate = ajv.getSchema(`${DOCUMENT_ID}#/$defs/${name}`);
  if (!validate) throw new Error(`no schema ${name} in the Stripe OpenAPI subset`);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error: ErrorObject) => `${name}${error.instancePath} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}

/** Where the schemas come from, for failure messages. */
export const STRIPE_OPENAPI_SOURCE = `${subset.source.repository} ${subset.source.file} @ ${subset.source.commit} (API ${subset.source.apiVersion})`;
