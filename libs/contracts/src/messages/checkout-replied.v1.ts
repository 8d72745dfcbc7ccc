import { defineContract } from '../contract';
import { Topics } from '../topics';
import { nonEmpty, object, uuid } from './schema-parts';

/**
 * checkout's answer to one `CheckoutRequested`: the HTTP status and JSON body the gateway returns.
 * Replays of the same Idempotency-Key carry the stored body byte for byte.
 */
export interface CheckoutRepliedV1 {
  readonly requestId: string;
  readonly replyTo: string;
  readonly statusCode: number;
  /** The response body as stored, serialized JSON. */
  readonly body: string;
}

export const CheckoutReplied = defineContract<CheckoutRepliedV1>()({
  type: 'CheckoutReplied',
  version: 1,
  topic: Topics.checkoutReplies,
  schema: object({
    requestId: uuid,
    replyTo: nonEmpty,
    statusCode: { type: 'integer', minimum: 100, maximum: 599 },
    body: { type: 'string', maxLength: 65536 },
  }),
});
