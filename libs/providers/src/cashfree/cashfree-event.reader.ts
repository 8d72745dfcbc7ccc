import { objectField, tokenField } from '../port/webhook-fields';
import { readWebhookJson } from '../port/webhook-json.reader';
import type { CashfreeWebhookEnvelope } from './cashfree-api.types';

/**
 * Reads a verified Cashfree webhook body; throws `WebhookPayloadError` for one that is not a JSON
 * object, nests too deep, or lacks its `type` or `data`. The objects inside are read per type.
 */
export function readCashfreeEnvelope(rawBody: Buffer): CashfreeWebhookEnvelope {
  const body = readWebhookJson(rawBody);
  tokenField(body.type, 'type', 128);
  objectField(body.data, 'data');
  return body as unknown as CashfreeWebhookEnvelope;
}
