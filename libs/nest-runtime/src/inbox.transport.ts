import { ArgumentsHost, Catch, Controller, INestApplication, RpcExceptionFilter, UseFilters, applyDecorators } from '@nestjs/common';
import { BaseRpcContext, CustomTransportStrategy, MicroserviceOptions, Server } from '@nestjs/microservices';
import { Kafka } from 'kafkajs';
import { Observable, isObservable, lastValueFrom, throwError } from 'rxjs';
import { Envelope } from '@payments/contracts';
import { HandlerContext, InboxConsumer, MessageOutcome, RetryPolicy } from '@payments/messaging';
import { Database } from '@payments/persistence';
import { Logger } from '@payments/observability';

/** The context an `@EventPattern` handler gets with `@Ctx()`: the inbox transaction and where the message came from. */
export class InboxContext extends BaseRpcContext<[HandlerContext]> implements HandlerContext {
  get sql(): HandlerContext['sql'] {
    return this.args[0].sql;
  }
  get topic(): string {
    return this.args[0].topic;
  }
  get partition(): number {
    return this.args[0].partition;
  }
  get offset(): string {
    return this.args[0].offset;
  }
  get headers(): Record<string, string> {
    return this.args[0].headers;
  }
}

/**
 * Hands a handler's exception back to the inbox consumer as it was thrown. Nest's default RPC filter
 * would turn it into `{ status: 'error' }` and the consumer could no longer tell an
 * UnprocessableMessageError (dead-letter at once) from a failure worth retrying.
 */
@Catch()
export class InboxErrorsFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/** A controller of `@EventPattern(topic)` handlers run by the inbox transport. */
export const InboxHandlers = (): ClassDecorator => applyDecorators(Controller(), UseFilters(InboxErrorsFilter));

/** One consumer group of a service: the topics it reads and how it applies them. */
export interface InboxGroup {
  groupId: string;
  topics: string[];
  retry?: RetryPolicy;
  maxBatchSize?: number;
  keyConcurrency?: number;
}

export interface InboxTransportOptions {
  kafka: Kafka;
  db: Database;
  schema: string;
  groups: readonly InboxGroup[];
  logger: Logger;
  afterCommit?: () => void;
  onOutcome?: (topic: string, outcome: MessageOutcome) => void;
}

export const INBOX_TRANSPORT = Symbol('inbox');

/**
 * A Nest transport strategy around the inbox consumer: each group's messages go to the
 * `@EventPattern(topic)` handler of their topic, inside the inbox transaction (`@Ctx()` is an
 * InboxContext), with the consumer's manual offset commits, batching, parking and dead-letter topic.
 * A handler that throws rolls its transaction back, as a MessageHandler does.
 */
export class InboxTransport extends Server implements CustomTransportStrategy {
  private consumers: InboxConsumer[] = [];

  constructor(private readonly options: InboxTransportOptions) {
    super();
    this.transportId = INBOX_TRANSPORT;
  }

  get consumes(): boolean {
    return this.options.groups.length > 0;
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(() => callback(), (error: unknown) => callback(error));
  }

  private async start(): Promise<void> {
    this.assertEveryTopicHandledOnce();
    for (const group of this.options.groups) {
      const consumer = new InboxConsumer({
        kafka: this.options.kafka,
        db: this.options.db,
        schema: this.options.schema,
        groupId: group.groupId,
        topics: group.topics,
        retry: group.retry,
        maxBatchSize: group.maxBatchSize,
        keyConcurrency: group.keyConcurrency,
        fromBeginning: true,
        logger: this.options.logger,
        handler: (envelope, ctx) => this.dispatch(envelope, ctx),
        afterCommit: () => this.options.afterCommit?.(),
        onOutcome: this.options.onOutcome,
      });
      await consumer.start();
      this.consumers.push(consumer);
    }
  }

  /** Runs the topic's handler; what it throws (or its observable errors with) is thrown here. */
  async dispatch(envelope: Envelope, ctx: HandlerContext): Promise<void> {
    const handler = this.getHandlerByPattern(ctx.topic);
    if (!handler) throw new Error(`no @EventPattern handler for ${ctx.topic}`);
    try {
      const result: unknown = await handler(envelope, new InboxContext([ctx]));
      if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
    } catch (error) {
      // A controller without InboxErrorsFilter gets Nest's `{ status, message }` instead of the error.
      throw error instanceof Error ? error : new Error(`handler for ${ctx.topic} failed: ${JSON.stringify(error)}`);
    }
  }

  /** Consumers leave their groups once the messages in progress are done. Safe to call again. */
  async close(): Promise<void> {
    const consumers = this.consumers;
    this.consumers = [];
    await Promise.allSettled(consumers.map((consumer) => consumer.stop()));
  }

  on(): never {
    throw new Error('the inbox transport emits no events');
  }

  unwrap<T>(): T {
    return this.consumers as T;
  }

  private assertEveryTopicHandledOnce(): void {
    const consumed = new Map(this.options.groups.flatMap((group) => group.topics.map((topic) => [topic, group.groupId] as const)));
    const problems: string[] = [];
    for (const [topic, handler] of this.getHandlers()) {
      if (!consumed.has(topic)) problems.push(`@EventPattern('${topic}') is in no consumer group`);
      else if (!handler.isEventHandler) problems.push(`'${topic}' needs @EventPattern, not @MessagePattern`);
      else if (handler.next) problems.push(`'${topic}' has more than one handler`);
    }
    for (const [topic, groupId] of consumed) {
      if (!this.getHandlerByPattern(topic)) problems.push(`group ${groupId} reads '${topic}', which has no @EventPattern handler`);
    }
    if (problems.length > 0) throw new Error(`inbox transport: ${problems.join('; ')}`);
  }
}

/**
 * Connects the app's inbox transport (when it has consumer groups) and starts its consumers, after
 * the app's own start-up (topics created, outbox relay running) and before its port opens. The
 * handlers get none of the app's global HTTP enhancers unless `inheritAppConfig` says so.
 */
export async function startInboxConsumers(app: INestApplication, options: { inheritAppConfig?: boolean } = {}): Promise<void> {
  let transport: InboxTransport;
  try {
    transport = app.get(InboxTransport, { strict: false });
  } catch {
    return; // no MessagingModule
  }
  await app.init();
  if (!transport.consumes) return;
  app.connectMicroservice<MicroserviceOptions>({ strategy: transport }, { inheritAppConfig: options.inheritAppConfig ?? false });
  await app.startAllMicroservices();
}
