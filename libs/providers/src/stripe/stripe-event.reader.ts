import { objectField, tokenField, unixSecondsField } from '../port/webhook-fields';
import { readWebhookJson } from '../port/webhook-json.reader';

/** What every Stripe event carries and the mapping reads; the object is read per event type. */
export interface StripeEventFields {
  readonly id: string;
  readonly type: string;
  /** Unix seconds. */
  readonly created: number;
  readonly data: { readonly object: unknown };
}

/**
 * Reads a verified Stripe event body; throws `WebhookPayloadError` for one that is not a JSON
 * object, nests too deep, or lacks its `id`, `type`, `created` or `data.object`.
 */
export function readStripeEvent(rawBody: Buffer): StripeEventFields {
  const body = readWebhookJson(rawBody);
  const data = objectField(body.data, 'data');
  return {
    id: tokenField(body.id, 'id'),
    type: tokenField(body.type, 'type', 128),
    created: unixSecondsField(body.created, 'created'),
    data: { object: objectField(data.object, 'data.object') },
  };
}
