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

/** Applies one message. Throwing rolls the transaction back; the consumer retries, then dead-letters. */
export type MessageHandler = (envelope: Envelope, ctx: HandlerContext) => Promise<void>;
