import { CallHandler, ExecutionContext, INestApplication, NestInterceptor } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Observable, of } from 'rxjs';
import { CheckoutRepliedV1, Envelope, Topics } from '@payments/contracts';
import { createKafka, ensureTopics } from '@payments/messaging';
import {
  KafkaTestClient, SandboxProcess, TestDatabase, TopicTail, eventually, kafkaBrokers, kafkaTestClient, startSandboxProcess, testDatabase, uniqueName,
} from '@payments/testing';
import { CheckoutDatabaseProbe } from './checkout-database.fixture';
import { CLOCK, Clock, startInboxConsumers } from '@payments/nest-runtime';
import { loadCheckoutConfig } from './checkout.config';
import { CheckoutModule } from './checkout.module';

// Test support for the integration tests: runs checkout's real Nest module in this process.

/** A clock a test can move forward (to expire idempotency records); otherwise the real time. */
export class AdjustableClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}

/**
 * The broker is shared with other test runs and topic names are fixed, so a replica under test acts
 * only on commands from its own test's users (or, for commands that name no user, about its own
 * test's orders or subscriptions); the others are recorded in its inbox and skipped.
 */
class OwnUsersOnly implements NestInterceptor {
  constructor(
    private readonly ownsUser: (userId: string) => boolean,
    private readonly ownsOrder: (orderId: string) => boolean,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const envelope = context.switchToRpc().getData<Envelope>();
    const { userId, orderId, subscriptionId } = envelope.payload as { userId?: unknown; orderId?: unknown; subscriptionId?: unknown };
    const owned = orderId ?? subscriptionId;
    const ours = typeof userId === 'string' ? this.ownsUser(userId) : typeof owned === 'string' && this.ownsOrder(owned);
    return ours ? next.handle() : of(undefined);
  }
}

const silentNestLogger = { log: () => undefined, error: () => undefined, warn: () => undefined };

/**
 * Starts one checkout replica: CheckoutModule.forRoot(config read from `env` as in production),
 * consuming checkout.commands in the group `env.CHECKOUT_CONSUMER_GROUP`. Close it with `close()`.
 */
export async function startCheckoutReplica(options: {
  env: NodeJS.ProcessEnv;
  ownsUser: (userId: string) => boolean;
  ownsOrder?: (orderId: string) => boolean;
  clock?: Clock;
}): Promise<INestApplication> {
  const config = loadCheckoutConfig(options.env);
  let builder = Test.createTestingModule({ imports: [CheckoutModule.forRoot(config)] });
  if (options.clock) builder = builder.overrideProvider(CLOCK).useValue(options.clock);
  const module = await builder.setLogger(silentNestLogger).compile();
  const replica = module.createNestApplication({ logger: false });
  // Checkout has no global HTTP enhancers of its own: inheriting the app's config adds only this one.
  replica.useGlobalInterceptors(new OwnUsersOnly(options.ownsUser, options.ownsOrder ?? (() => false)));
  await startInboxConsumers(replica, { inheritAppConfig: true });
  return replica;
}

export interface SandboxTarget {
  readonly url: string;
  readonly secrets: { STRIPE_SECRET_KEY: string; CASHFREE_APP_ID: string; CASHFREE_SECRET_KEY: string };
}

/** The environment a replica reads its configuration from: the test's database, broker, sandbox and group. */
export function checkoutEnv(options: {
  databaseUrl: string;
  kafkaBrokers: readonly string[];
  sandbox: SandboxTarget;
  consumerGroupId: string;
  overrides?: NodeJS.ProcessEnv;
}): NodeJS.ProcessEnv {
  const { sandbox } = options;
  return {
    DATABASE_URL: options.databaseUrl,
    KAFKA_BROKERS: options.kafkaBrokers.join(','),
    STRIPE_SECRET_KEY: sandbox.secrets.STRIPE_SECRET_KEY,
    STRIPE_API_URL: sandbox.url,
    CASHFREE_APP_ID: sandbox.secrets.CASHFREE_APP_ID,
    CASHFREE_SECRET_KEY: sandbox.secrets.CASHFREE_SECRET_KEY,
    CASHFREE_API_URL: `${sandbox.url}/cashfree/pg`,
    CHECKOUT_SEED_CATALOG: 'true',
    CHECKOUT_CONSUMER_GROUP: options.consumerGroupId,
    CHECKOUT_IN_FLIGHT_WAIT_MS: '300',
    CHECKOUT_ORDER_ID_SECRET: 'checkout-tests-order-id-secret-0123456789',
    ...options.overrides,
  };
}

/**
 * Everything a checkout integration test runs against: its own database, a sandbox process, the
 * shared broker (with a tail on `tailed`) and the checkout replicas it starts. `close()` stops all.
 */
export class CheckoutHarness {
  readonly replicas: INestApplication[] = [];
  private readonly groups = new Set<string>();

  private constructor(
    readonly database: TestDatabase,
    readonly sandbox: SandboxProcess,
    readonly kafka: KafkaTestClient,
    readonly tail: TopicTail,
    readonly probe: CheckoutDatabaseProbe,
  ) {}

  static async start(options: { name: string; sandboxPort: number; topics: readonly string[]; tailed: readonly string[] }): Promise<CheckoutHarness> {
    const [database, sandbox, kafka] = await Promise.all([
      testDatabase(options.name), startSandboxProcess({ port: options.sandboxPort }), kafkaTestClient(),
    ]);
    await ensureTopics(createKafka({ clientId: uniqueName(options.name), brokers: kafkaBrokers() }), [...options.topics]);
    const tail = await kafka.tail(options.tailed);
    return new CheckoutHarness(database, sandbox, kafka, tail, new CheckoutDatabaseProbe(database.url));
  }

  /**
   * A replica in `consumerGroupId` acting for the users `ownsUser` accepts. A group's first replica
   * starts it at the end of checkout.commands; later ones join it.
   */
  async startReplica(options: {
    consumerGroupId: string;
    ownsUser: (userId: string) => boolean;
    ownsOrder?: (orderId: string) => boolean;
    overrides?: NodeJS.ProcessEnv;
    clock?: Clock;
  }): Promise<INestApplication> {
    if (!this.groups.has(options.consumerGroupId)) await this.kafka.startGroupAtEnd(options.consumerGroupId, [Topics.checkoutCommands]);
    this.groups.add(options.consumerGroupId);
    const env = checkoutEnv({ databaseUrl: this.database.url, kafkaBrokers: kafkaBrokers(), sandbox: this.sandbox, consumerGroupId: options.consumerGroupId, overrides: options.overrides });
    const replica = await startCheckoutReplica({ env, ownsUser: options.ownsUser, ownsOrder: options.ownsOrder, clock: options.clock });
    this.replicas.push(replica);
    return replica;
  }

  /** Publishes a request on checkout.commands and waits for its reply on checkout.replies. */
  async ask(request: Envelope): Promise<CheckoutRepliedV1> {
    await this.kafka.publish(Topics.checkoutCommands, [request]);
    return this.replyTo(request);
  }

  replyTo(request: Envelope): Promise<CheckoutRepliedV1> {
    return eventually(() => this.probe.replyAmong(this.tail.on(Topics.checkoutReplies), request.id), 30_000, `the reply to ${request.id}`);
  }

  async close(): Promise<void> {
    for (const replica of this.replicas.reverse()) await replica.close();
    await this.probe.close();
    await this.kafka.close();
    await this.sandbox.stop();
    await this.database.drop();
  }
}
