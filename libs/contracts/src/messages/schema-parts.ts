import { JsonSchema } from '../contract';

export const uuid: JsonSchema = { type: 'string', format: 'uuid' };
export const nonEmpty: JsonSchema = { type: 'string', minLength: 1, maxLength: 255 };
export const isoTime: JsonSchema = { type: 'string', format: 'date-time' };
/** Integer amount in the currency's minor unit (cents, paise, fils; yen have none). */
export const minorUnits: JsonSchema = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER };
export const currency: JsonSchema = { type: 'string', pattern: '^[A-Z]{3}$' };
export const provider: JsonSchema = { type: 'string', enum: ['stripe', 'cashfree'] };
export const billingInterval: JsonSchema = { type: 'string', enum: ['month', 'year'] };

/** What every payment fact from a provider names: our order, the provider, its event and payment ids. */
export const providerPaymentFact: Record<string, JsonSchema> = {
  orderId: uuid,
  provider,
  providerEventId: nonEmpty,
  providerPaymentId: nonEmpty,
};

export function object(properties: Record<string, JsonSchema>, optional: string[] = []): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    properties,
    required: Object.keys(properties).filter((name) => !optional.includes(name)),
  };
}

export const orderLine = object({
  productId: nonEmpty,
  kind: { type: 'string', enum: ['course', 'plan'] },
  quantity: { type: 'integer', minimum: 1, maximum: 100 },
  unitAmountMinor: minorUnits,
});

export const priceBreakdown = object({
  subtotalMinor: minorUnits,
  discountMinor: minorUnits,
  taxMinor: minorUnits,
  totalMinor: minorUnits,
});
