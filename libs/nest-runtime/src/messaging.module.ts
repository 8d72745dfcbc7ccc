import { BeforeApplicationShutdown, DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { Envelope } from '@payments/contracts';
import {
  HandlerContext,
  OutboundMessage,
  OutboxRelay,
  RetryPolicy,
  assertTopicsExist,
  createKafka,
  enqueueOutbox,
  ensureTopics,
  topicsWithDeadLetters,
} from '@payments/messaging';
import { Database, Sql } from '@payments/persistence';
import { LOGGER, Logger, METRICS, ServiceMetrics } from '@payments/observability';
import { integerEnv } from './config';
import { DATABASE } from './database.module';
import { InboxTransport } from './inbox.transport';
import { MessagingGauges } from './messaging-metrics';
import { PARKED_MESSAGES_SCHEMA, ParkedMessagesController } from './parked-messages.controller';
import { startupProvisioningFrom } from './startup-provisioning.config';

export const KAFKA = Symbol('KAFKA');
const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/** A Kafka message handler; runs inside the inbox transaction (`ctx.sql`). */
export interface ConsumerHandler {
  handle(envelope: Envelope, ctx: HandlerContext): Promise<void>;
}

/**
 * One consumer group of the service. Its messages go to the `@EventPattern(topic)` handlers of the
 * service's `@InboxHandlers()` controllers, one handler per topic.
 */
export interface ConsumerSpec {
  groupId: string;
  topics: string[];
  retry?: RetryPolicy;
  /**
   * The most waiting messages of a partition this consumer may apply in one transaction
   * (InboxConsumer's `maxBatchSize`) when CONSUMER_MAX_BATCH turns batching on (default 1: off).
   * Unset: one message per transaction, always (for handlers that call out, such as checkout's).
   */
  maxBatchSize?: number;
  /**
   * Messages in flight at once across keys (InboxConsumer's `keyConcurrency`), for handlers that
   * call out: a slow provider call holds back only its own key. Unset: a partition's messages one
   * after another.
   */
  keyConcurrency?: number;
}

export interface MessagingOptions {
  clientId: string;
  brokers: string[];
  /** The service's schema, holding its outbox and inbox tables. */
  schema: string;
  /** Topics this service produces or consumes; created (with their `.dlq`) at start if missing. */
  topics: string[];
  consumers: ConsumerSpec[];
  /**
   * Create missing topics at start (development); default KAFKA_CREATE_TOPICS (true). When false
   * the topics are provisioned beforehand, and start-up stops naming any that is missing.
   */
  createTopics?: boolean;
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
  private readonly gauges: MessagingGauges;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(DATABASE) db: Database,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(InboxTransport) private readonly transport: InboxTransport,
    @Inject(METRICS) metrics: ServiceMetrics,
  ) {
    this.gauges = new MessagingGauges(metrics, { db, kafka, schema: options.schema, groups: options.consumers });
  }

  /** Topics first, then the relay; the consumers start with the inbox transport (`startInboxConsumers`). */
  async onApplicationBootstrap(): Promise<void> {
    if (this.options.createTopics) await ensureTopics(this.kafka, this.options.topics);
    else await assertTopicsExist(this.kafka, topicsWithDeadLetters(this.options.topics));
    await this.relay.start();
  }

  /** Before any module's shutdown hook closes the database: consumers leave their groups, then the relay stops. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.transport.close();
    await this.relay.stop();
    await this.gauges.stop();
  }
}

/** Batching is off unless CONSUMER_MAX_BATCH asks for it (decision 23), and never above the consumer's own cap. */
function batchSizeOf(spec: ConsumerSpec): number {
  return spec.maxBatchSize === undefined ? 1 : Math.min(spec.maxBatchSize, integerEnv(process.env, 'CONSUMER_MAX_BATCH', 1, { min: 1, max: 1000 }));
}

@Module({})
export class MessagingModule {
  static forRoot(given: MessagingOptions): DynamicModule {
    const options: MessagingOptions = { ...given, createTopics: given.createTopics ?? startupProvisioningFrom().createTopics };
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
        {
          provide: InboxTransport,
          inject: [DATABASE, KAFKA, OutboxRelay, LOGGER, METRICS],
          useFactory: (db: Database, kafka: Kafka, relay: OutboxRelay, logger: Logger, metrics: ServiceMetrics) => new InboxTransport({
            kafka, db, schema: options.schema, logger,
            groups: options.consumers.map((spec) => ({ ...spec, maxBatchSize: batchSizeOf(spec) })),
            afterCommit: () => relay.notify(),
            onOutcome: (topic, outcome) => metrics.messagesHandled.inc({ topic, outcome }),
          }),
        },
        Outbox,
        MessagingRuntime,
        { provide: PARKED_MESSAGES_SCHEMA, useValue: options.schema },
      ],
      // Only consumers park messages: a service without any has no table to list.
      controllers: options.consumers.length > 0 ? [ParkedMessagesController] : [],
      exports: [KAFKA, Outbox, InboxTransport],
    };
  }
}
