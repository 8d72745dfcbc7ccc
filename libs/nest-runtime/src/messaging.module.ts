import { BeforeApplicationShutdown, DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Kafka } from 'kafkajs';
import { Envelope } from '@payments/contracts';
import {
  HandlerContext,
  InboxConsumer,
  OutboundMessage,
  OutboxRelay,
  RetryPolicy,
  createKafka,
  enqueueOutbox,
  ensureTopics,
} from '@payments/messaging';
import { Database, Sql } from '@payments/persistence';
import { LOGGER, Logger, METRICS, ServiceMetrics } from '@payments/observability';
import { DATABASE } from './database.module';

export const KAFKA = Symbol('KAFKA');
const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/** A Kafka message handler; runs inside the inbox transaction (`ctx.sql`). */
export interface ConsumerHandler {
  handle(envelope: Envelope, ctx: HandlerContext): Promise<void>;
}

export interface ConsumerSpec {
  groupId: string;
  topics: string[];
  handler: Type<ConsumerHandler>;
  retry?: RetryPolicy;
}

export interface MessagingOptions {
  clientId: string;
  brokers: string[];
  /** The service's schema, holding its outbox and inbox tables. */
  schema: string;
  /** Topics this service produces or consumes; created (with their `.dlq`) at start if missing. */
  topics: string[];
  consumers: ConsumerSpec[];
}

/** Writes outgoing messages in the caller's transaction; the relay publishes them after commit. */
@Injectable()
export class Outbox {
  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
  ) {}

  enqueue(sql: Sql, messages: readonly OutboundMessage[]): Promise<void> {
    return enqueueOutbox(sql, this.options.schema, messages);
  }

  /** Call after the transaction that enqueued has committed, to publish without waiting for a poll. */
  notify(): void {
    this.relay.notify();
  }
}

@Injectable()
class MessagingRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumers: InboxConsumer[] = [];

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: ServiceMetrics,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await ensureTopics(this.kafka, this.options.topics);
    await this.relay.start();
    for (const spec of this.options.consumers) {
      const handler = this.moduleRef.get(spec.handler, { strict: false });
      const consumer = new InboxConsumer({
        kafka: this.kafka,
        db: this.db,
        schema: this.options.schema,
        groupId: spec.groupId,
        topics: spec.topics,
        retry: spec.retry,
        fromBeginning: true,
        logger: this.logger,
        handler: (envelope, ctx) => handler.handle(envelope, ctx),
        afterCommit: () => this.relay.notify(),
        onOutcome: (topic, outcome) => this.metrics.messagesHandled.inc({ topic, outcome }),
      });
      await consumer.start();
      this.consumers.push(consumer);
    }
  }

  /** Before any module's shutdown hook closes the database: consumers leave their groups, then the relay stops. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.consumers.map((consumer) => consumer.stop()));
    await this.relay.stop();
  }
}

@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        { provide: KAFKA, useFactory: () => createKafka({ clientId: options.clientId, brokers: options.brokers }) },
        {
          provide: OutboxRelay,
          inject: [DATABASE, KAFKA, LOGGER],
          useFactory: (db: Database, kafka: Kafka, logger: Logger) =>
            new OutboxRelay({ db, schema: options.schema, kafka, logger }),
        },
        Outbox,
        MessagingRuntime,
      ],
      exports: [KAFKA, Outbox],
    };
  }
}
