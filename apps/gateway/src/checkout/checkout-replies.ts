import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Consumer, Kafka, Producer } from 'kafkajs';
import { CheckoutReplied, CheckoutRequested, CheckoutRequestedV1, Topics, buildMessage, decodeEnvelope, encodeEnvelope, isMessage } from '@payments/contracts';
import { CLOCK, Clock, KAFKA } from '@payments/nest-runtime';
import { LOGGER, Logger } from '@payments/observability';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';

export interface CheckoutReply {
  readonly statusCode: number;
  readonly body: string;
}

export class CheckoutTimeoutError extends Error {
  readonly code = 'CHECKOUT.TIMEOUT';
}

interface Pending {
  resolve(reply: CheckoutReply): void;
  timer: NodeJS.Timeout;
}

/**
 * Request-reply with checkout over Kafka. Each gateway instance reads `checkout.replies` in its
 * own consumer group and keeps only replies addressed to it (`replyTo`); a request that gets no
 * reply in time answers 504 and the client retries with the same Idempotency-Key.
 */
@Injectable()
export class CheckoutRequester implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly instanceId = randomUUID();
  private readonly pending = new Map<string, Pending>();
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
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        try {
          const envelope = decodeEnvelope(message.value);
          if (!isMessage(envelope, CheckoutReplied) || envelope.payload.replyTo !== this.instanceId) return;
          const waiting = this.pending.get(envelope.payload.requestId);
          if (!waiting) return;
          clearTimeout(waiting.timer);
          this.pending.delete(envelope.payload.requestId);
          waiting.resolve({ statusCode: envelope.payload.statusCode, body: envelope.payload.body });
        } catch (error) {
          this.logger.warn({ err: error }, 'unreadable message on checkout.replies skipped');
        }
      },
    });
    await joined;
  }

  async onApplicationShutdown(): Promise<void> {
    for (const waiting of this.pending.values()) clearTimeout(waiting.timer);
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  async request(payload: Omit<CheckoutRequestedV1, 'replyTo'>, correlationId: string): Promise<CheckoutReply> {
    const envelope = buildMessage(CheckoutRequested, {
      key: payload.userId,
      origin: { correlationId },
      occurredAt: this.clock.now(),
      payload: { ...payload, replyTo: this.instanceId },
    });
    const reply = new Promise<CheckoutReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelope.id);
        reject(new CheckoutTimeoutError('checkout did not answer in time; retry with the same Idempotency-Key'));
      }, this.config.checkoutReplyTimeoutMs);
      this.pending.set(envelope.id, { resolve, timer });
    });
    try {
      await this.producer.send({
        topic: Topics.checkoutCommands,
        acks: -1,
        messages: [{ key: envelope.key, value: encodeEnvelope(envelope), headers: { 'message-id': envelope.id, 'correlation-id': correlationId } }],
      });
    } catch (error) {
      const waiting = this.pending.get(envelope.id);
      if (waiting) clearTimeout(waiting.timer);
      this.pending.delete(envelope.id);
      throw error;
    }
    return reply;
  }
}
