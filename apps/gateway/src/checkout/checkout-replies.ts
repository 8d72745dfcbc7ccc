import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Subscription } from 'rxjs';
import { CheckoutRequested, CheckoutRequestedV1, Contract, Topics, buildMessage } from '@payments/contracts';
import { CLOCK, Clock } from '@payments/nest-runtime';
import { LOGGER, Logger } from '@payments/observability';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import { GatewayError } from '../gateway.error';
import { StoredResponse } from '../idempotency/idempotency.repository';
import { CHECKOUT_CLIENT, CheckoutCommandsClient, CommandNotSentError, CommandPacket, CommandProgress } from './checkout-commands.client';
import { withDeadline } from './deadline';

export type CheckoutReply = StoredResponse;

const RETRY_HINT = 'retry with the same Idempotency-Key';

/**
 * Request-reply with checkout over Kafka, through the CheckoutCommandsClient. One deadline covers
 * both the send and the reply: Kafka not taking the request in time is a 503, checkout not
 * answering a 504; either way the client retries with the same Idempotency-Key, which is safe.
 */
@Injectable()
export class CheckoutRequester implements OnApplicationBootstrap {
  constructor(
    @Inject(CHECKOUT_CLIENT) private readonly client: CheckoutCommandsClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  get instanceId(): string {
    return this.client.instanceId;
  }

  /** Joins the replies group before the port opens, so the first request's reply is not missed. */
  async onApplicationBootstrap(): Promise<void> {
    await this.client.connect();
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
      payload: { ...payload, replyTo: this.client.instanceId } as T,
    });
    const startedAt = Date.now();
    let subscription: Subscription | undefined;
    let markSent: () => void = () => undefined;
    const sent = new Promise<void>((resolve) => (markSent = resolve));
    const replied = new Promise<CheckoutReply>((resolve, reject) => {
      subscription = this.client.send<CommandProgress, CommandPacket>(Topics.checkoutCommands, { envelope, correlationId }).subscribe({
        next: (progress) => (progress.kind === 'sent' ? markSent() : resolve(progress.reply)),
        error: reject,
      });
    });
    try {
      await withDeadline(Promise.race([sent, replied.then(() => undefined)]), this.config.checkoutReplyTimeoutMs,
        () => new GatewayError('SERVICE.UNAVAILABLE', `Kafka did not take the request in time; ${RETRY_HINT}`),
      ).catch((error: unknown) => {
        if (error instanceof GatewayError) throw error;
        this.logger.error({ err: error instanceof CommandNotSentError ? error.cause : error }, 'could not publish to checkout.commands');
        throw new GatewayError('SERVICE.UNAVAILABLE', `checkout is unavailable; ${RETRY_HINT}`);
      });
      const remainingMs = this.config.checkoutReplyTimeoutMs - (Date.now() - startedAt);
      return await withDeadline(replied, remainingMs, () => new GatewayError('CHECKOUT.TIMEOUT', `checkout did not answer in time; ${RETRY_HINT}`));
    } finally {
      subscription?.unsubscribe();
      replied.catch(() => undefined);
    }
  }
}
