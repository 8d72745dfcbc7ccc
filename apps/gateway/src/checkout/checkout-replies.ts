import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { Consumer, Kafka, Producer } from 'kafkajs';
import { CheckoutReplied, CheckoutRequested, CheckoutRequestedV1, Contract, Topics, buildMessage, decodeEnvelope, encodeEnvelope, isMessage } from '@payments/contracts';
import { CLOCK, Clock, KAFKA } from '@payments/nest-runtime';
import { LOGGER, Logger, injectTraceHeaders } from '@payments/observability';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import { GatewayError } from '../gateway.error';
import { StoredResponse } from '../idempotency/idempotency.repository';
import { withDeadline } from './deadline';

export type CheckoutReply = StoredResponse;

const RETRY_HINT = 'retry with the same Idempotency-Key';

/**
 * Request-reply with checkout over Kafka. Each gateway instance reads `checkout.replies` in its
 * own consumer group and keeps only replies addressed to it (`replyTo`). One deadline covers both
 * the send and the reply: Kafka not taking the request in time is a 503, checkout not answering a
 * 504; either way the client retries with the same Idempotency-Key, which is safe.
 */
@Injectable()
export class CheckoutRequester implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly instanceId = randomUUID();
  private readonly pending = new Map<string, (reply: CheckoutReply) => void>();
  private producer!: Producer;
  private consumer!: Consumer;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    this.consumer = this.kafka.consumer({ groupId: `gateway-replies-${this.instanceId}`, sessionTimeout: 10_000 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: Topics.checkoutReplies, fromBeginning: false });
    const joined = new Promise<void>((resolve) => this.consumer.on(this.consumer.events.GROUP_JOIN, () => resolve()));
    await this.consumer.run({ eachMessage: async ({ message }) => this.deliver(message.value) });
    await joined;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.pending.clear();
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  async request(payload: Omit<CheckoutRequestedV1, 'replyTo'>, correlationId: string): Promise<CheckoutReply> {
    return this.send(CheckoutRequested, payload.userId, payload, correlationId);
  }

  /** Any command on checkout.commands that checkout answers on checkout.replies, addressed to this instance. */
  async send<T extends { replyTo: string }>(contract: Contract<T>, key: string, payload: Omit<T, 'replyTo'>, correlationId: string): Promise<CheckoutReply> {
    const envelope = buildMessage(contract, {
      key,
      origin: { correlationId },
      occurredAt: this.clock.now(),
      payload: { ...payload, replyTo: this.instanceId } as T,
    });
    const startedAt = Date.now();
    const replied = new Promise<CheckoutReply>((resolve) => this.pending.set(envelope.id, resolve));
    try {
      await withDeadline(
        this.producer.send({
          topic: Topics.checkoutCommands,
          acks: -1,
          messages: [{ key: envelope.key, value: encodeEnvelope(envelope), headers: injectTraceHeaders({ 'message-id': envelope.id, 'correlation-id': correlationId }) }],
        }),
        this.config.checkoutReplyTimeoutMs,
        () => new GatewayError('SERVICE.UNAVAILABLE', `Kafka did not take the request in time; ${RETRY_HINT}`),
      ).catch((error: unknown) => {
        if (error instanceof GatewayError) throw error;
        this.logger.error({ err: error }, 'could not publish to checkout.commands');
        throw new GatewayError('SERVICE.UNAVAILABLE', `checkout is unavailable; ${RETRY_HINT}`);
      });
      const remainingMs = this.config.checkoutReplyTimeoutMs - (Date.now() - startedAt);
      return await withDeadline(replied, remainingMs, () => new GatewayError('CHECKOUT.TIMEOUT', `checkout did not answer in time; ${RETRY_HINT}`));
    } finally {
      this.pending.delete(envelope.id);
    }
  }

  private deliver(value: Buffer | null): void {
    try {
      const envelope = decodeEnvelope(value);
      if (!isMessage(envelope, CheckoutReplied) || envelope.payload.replyTo !== this.instanceId) return;
      this.pending.get(envelope.payload.requestId)?.({ statusCode: envelope.payload.statusCode, body: envelope.payload.body });
    } catch (error) {
      this.logger.warn({ err: error }, 'unreadable message on checkout.replies skipped');
    }
  }
}
