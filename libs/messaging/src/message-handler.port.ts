import { Envelope } from '@payments/contracts';
import { Sql } from '@payments/persistence';

/** Where a message came from, and the transaction its effects must be written in. */
export interface HandlerContext {
  /** The inbox transaction: write every effect (and any outbox message) through it. */
  sql: Sql;
  topic: string;
  partition: number;
  offset: string;
  headers: Record<string, string>;
}

/**
 * Thrown by a handler for a message that no retry can apply (it contradicts what the service
 * already holds): the consumer sends it to the dead-letter topic at once, with `code` in
 * `dlq-error-code`, instead of holding its partition through the retries.
 */
export class UnprocessableMessageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'UnprocessableMessageError';
  }
}

/**
 * Applies one message. Throwing rolls the transaction back; the consumer retries, then dead-letters
 * (at once for an UnprocessableMessageError).
 */
export type MessageHandler = (envelope: Envelope, ctx: HandlerContext) => Promise<void>;
