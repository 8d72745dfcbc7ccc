import { Controller, Get, Inject, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { listParked, retryParkedNow } from '@payments/messaging';
import { Database } from '@payments/persistence';
import { redactText } from '@payments/observability';
import { DATABASE } from './database.module';
import { InternalApi } from './internal-api.guard';

export const PARKED_MESSAGES_SCHEMA = Symbol('PARKED_MESSAGES_SCHEMA');

/** A parked message as operators see it: where it came from and why it waits; the value itself stays in the table. */
export interface ParkedMessageView {
  readonly id: string;
  readonly consumerGroup: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly messageKey: string;
  readonly messageId: string | null;
  readonly messageType: string | null;
  readonly attempts: number;
  readonly notBefore: string;
  readonly lastError: string | null;
}

/**
 * The service's parked messages on its own port (not the public gateway; the gateway's admin API
 * reads it): list them, and make one due at once. Registered by MessagingModule for services
 * that consume.
 */
@Controller('parked-messages')
@InternalApi()
export class ParkedMessagesController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(PARKED_MESSAGES_SCHEMA) private readonly schema: string,
  ) {}

  @Get()
  async list(@Query('group') group?: string): Promise<{ items: ParkedMessageView[] }> {
    const rows = await listParked(this.db, this.schema, group || undefined);
    return {
      items: rows.map((row) => ({
        id: row.id, consumerGroup: row.consumerGroup, topic: row.topic, partition: row.partition, offset: row.offset, messageKey: row.messageKey,
        messageId: row.messageId, messageType: row.messageType, attempts: row.attempts, notBefore: row.notBefore.toISOString(),
        lastError: row.lastError === null ? null : redactText(row.lastError),
      })),
    };
  }

  @Post(':id/retry')
  async retry(@Param('id') id: string): Promise<{ id: string; due: true }> {
    if (!/^\d{1,18}$/.test(id) || !(await retryParkedNow(this.db, this.schema, id))) throw new NotFoundException(`no parked message ${id}`);
    return { id, due: true };
  }
}
