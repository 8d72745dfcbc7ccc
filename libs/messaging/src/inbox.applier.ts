import { ContractViolationError, Envelope } from '@payments/contracts';
import { Database, Sql } from '@payments/persistence';
import { inSpan } from '@payments/observability';
import { recordInboxMessage } from './inbox.sql';
import { HandlerContext, MessageHandler, UnprocessableMessageError } from './message-handler.port';

export type Delivery = Omit<HandlerContext, 'sql'>;

/** How one attempt ended. `handlerRan: false` means the failure was not the message's (database down). */
export type Attempt =
  | { ok: true; outcome: 'applied' | 'duplicate' | 'queued' }
  | { ok: false; error: unknown; handlerRan: boolean };

/** Set once the handler was called: a failure after that may be the message's fault. */
export interface AttemptProgress {
  handlerRan: boolean;
}

/**
 * Applies a message once per consumer group: the inbox row (skip the handler if it is not new)
 * and the handler's effects commit together, in the caller's transaction or in one of its own.
 */
export class InboxApplier {
  constructor(
    private readonly db: Database,
    private readonly schema: string,
    private readonly groupId: string,
    private readonly handler: MessageHandler,
  ) {}

  async applyIn(sql: Sql, envelope: Envelope, delivery: Delivery, progress: AttemptProgress): Promise<'applied' | 'duplicate'> {
    const fresh = await recordInboxMessage(sql, this.schema, { messageId: envelope.id, consumerGroup: this.groupId, topic: delivery.topic });
    if (!fresh) return 'duplicate';
    progress.handlerRan = true;
    await inSpan(`handle ${envelope.type}`, { attributes: { 'messaging.message.id': envelope.id } }, () => this.handler(envelope, { ...delivery, sql }));
    return 'applied';
  }

  /** One attempt in its own transaction; `queue` first, which may decide the message waits instead (parked). */
  async attempt(envelope: Envelope, delivery: Delivery, queue?: (sql: Sql) => Promise<boolean>): Promise<Attempt> {
    const progress: AttemptProgress = { handlerRan: false };
    try {
      const outcome = await inSpan('inbox transaction', {}, () => this.db.transaction(async (sql) => {
        if (queue && (await queue(sql))) return 'queued' as const;
        return this.applyIn(sql, envelope, delivery, progress);
      }));
      return { ok: true, outcome };
    } catch (error) {
      return { ok: false, error, handlerRan: progress.handlerRan };
    }
  }
}

/** A refusal no retry changes: dead-lettered at once. */
export function isPermanentFailure(error: unknown): boolean {
  return error instanceof ContractViolationError || error instanceof UnprocessableMessageError;
}

export function errorText(error: unknown): string {
  const text = error instanceof Error ? `${(error as { code?: string }).code ?? error.name}: ${error.message}` : String(error);
  return text.slice(0, 1_000);
}
