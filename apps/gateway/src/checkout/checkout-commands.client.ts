import { randomUUID } from 'node:crypto';
import { ClientProxy, ReadPacket, WritePacket } from '@nestjs/microservices';
import { Consumer, Kafka, Producer } from 'kafkajs';
import { CheckoutReplied, Envelope, Topics, decodeEnvelope, encodeEnvelope, isMessage } from '@payments/contracts';
import { Logger, injectTraceHeaders } from '@payments/observability';
import { StoredResponse } from '../idempotency/idempotency.repository';

export const CHECKOUT_CLIENT = Symbol('CHECKOUT_CLIENT');

export interface CheckoutCommandsClientOptions {
  kafka: Kafka;
  logger: Logger;
}

/** What `send(Topics.checkoutCommands, envelope)` emits: `sent` once Kafka took the command, then checkout's reply. */
export type CommandProgress = { readonly kind: 'sent' } | { readonly kind: 'replied'; readonly reply: StoredResponse };

/** Kafka refused or failed the command (the error it failed with is `cause`). */
export class CommandNotSentError extends Error {
  constructor(cause: unknown) {
    super('the command could not be published to checkout.commands', { cause });
    this.name = 'CommandNotSentError';
  }
}

/**
 * A Nest ClientProxy for request-reply with checkout over Kafka. `send(topic, envelope)` publishes
 * the envelope (its `payload.replyTo` must be `instanceId`) with its key, its id as the message id
 * and the caller's correlation id, and emits checkout's reply from `checkout.replies`. Each gateway
 * instance reads the replies in a consumer group of its own and keeps only those addressed to it.
 * `emit` publishes without waiting for a reply.
 */
export class CheckoutCommandsClient extends ClientProxy {
  readonly instanceId = randomUUID();
  private readonly pending = new Map<string, (reply: StoredResponse) => void>();
  private connected?: Promise<void>;
  private producer?: Producer;
  private consumer?: Consumer;

  constructor(private readonly options: CheckoutCommandsClientOptions) {
    super();
  }

  /** Connects the producer and joins the replies group; resolves once replies can arrive. Safe to call again. */
  connect(): Promise<void> {
    this.connected ??= this.open().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }

  private async open(): Promise<void> {
    const { kafka } = this.options;
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const consumer = kafka.consumer({ groupId: `gateway-replies-${this.instanceId}`, sessionTimeout: 10_000 });
    await consumer.connect();
    await consumer.subscribe({ topic: Topics.checkoutReplies, fromBeginning: false });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({ eachMessage: async ({ message }) => this.deliver(message.value) });
    await joined;
    this.producer = producer;
    this.consumer = consumer;
  }

  async close(): Promise<void> {
    const { producer, consumer } = this;
    this.pending.clear();
    this.connected = undefined;
    this.producer = undefined;
    this.consumer = undefined;
    await consumer?.disconnect();
    await producer?.disconnect();
  }

  unwrap<T>(): T {
    return { producer: this.producer, consumer: this.consumer } as T;
  }

  protected publish(packet: ReadPacket<CommandPacket>, callback: (packet: WritePacket<CommandProgress>) => void): () => void {
    const { envelope } = packet.data;
    this.pending.set(envelope.id, (reply) => callback({ response: { kind: 'replied', reply }, isDisposed: true }));
    this.produce(packet).then(
      () => callback({ response: { kind: 'sent' } }),
      (error: unknown) => callback({ err: new CommandNotSentError(error) }),
    );
    return () => this.pending.delete(envelope.id);
  }

  protected async dispatchEvent<T = unknown>(packet: ReadPacket<CommandPacket>): Promise<T> {
    await this.produce(packet);
    return undefined as T;
  }

  private async produce({ pattern, data }: ReadPacket<CommandPacket>): Promise<void> {
    if (!this.producer) throw new Error('not connected');
    const { envelope, correlationId } = data;
    await this.producer.send({
      topic: String(pattern),
      acks: -1,
      messages: [{ key: envelope.key, value: encodeEnvelope(envelope), headers: injectTraceHeaders({ 'message-id': envelope.id, 'correlation-id': correlationId }) }],
    });
  }

  private deliver(value: Buffer | null): void {
    try {
      const envelope = decodeEnvelope(value);
      if (!isMessage(envelope, CheckoutReplied) || envelope.payload.replyTo !== this.instanceId) return;
      this.pending.get(envelope.payload.requestId)?.({ statusCode: envelope.payload.statusCode, body: envelope.payload.body });
    } catch (error) {
      this.options.logger.warn({ err: error }, 'unreadable message on checkout.replies skipped');
    }
  }
}

/** The data of a command sent through the client. */
export interface CommandPacket {
  envelope: Envelope;
  correlationId: string;
}
