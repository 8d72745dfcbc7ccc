import { Inject, Injectable } from '@nestjs/common';
import { DisputeActionCompleted, DisputeActionRequestedV1, EnvelopeOrigin, buildMessage } from '@payments/contracts';
import { CLOCK, Clock, Outbox } from '@payments/nest-runtime';
import { LOGGER, Logger } from '@payments/observability';
import { Sql } from '@payments/persistence';
import { nameBasedUuid } from '../domain/order-identity';
import { CHECKOUT_PROVIDERS, CheckoutProviders } from '../open-checkout/open-checkout.service';
import { DisputeActionAnswer, answerOfProviderError, completionOf, providerCallOf } from './dispute-action.decision';

/**
 * An admin's dispute action (DisputeActionRequested from the gateway), carried out at the provider
 * that took the payment inside the consumer's inbox transaction, and reported on checkout.events
 * as DisputeActionCompleted under one message id per request. The provider call is keyed by the
 * request id, so a redelivered command replays the provider's first answer. A refusal is an
 * answer (reported, not retried); a provider outage is thrown, for the consumer to retry.
 */
@Injectable()
export class DisputeActionService {
  constructor(
    @Inject(CHECKOUT_PROVIDERS) private readonly providers: CheckoutProviders,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly outbox: Outbox,
  ) {}

  async act(sql: Sql, request: DisputeActionRequestedV1, origin: EnvelopeOrigin): Promise<void> {
    const answer = await this.ask(request);
    const now = this.clock.now();
    await this.outbox.enqueue(sql, [{
      topic: DisputeActionCompleted.topic,
      envelope: buildMessage(DisputeActionCompleted, {
        id: nameBasedUuid('dispute-action', request.requestId),
        key: request.orderId,
        origin,
        occurredAt: now,
        payload: completionOf(request, answer, now),
      }),
    }]);
    const outcome = 'refused' in answer ? { refused: answer.refused } : { status: answer.result.status };
    this.logger.info({ orderId: request.orderId, disputeId: request.disputeId, action: request.action, ...outcome }, 'dispute action carried out');
  }

  private async ask(request: DisputeActionRequestedV1): Promise<DisputeActionAnswer> {
    const call = providerCallOf(request);
    if ('refused' in call) return call;
    const port = this.providers.get(request.provider);
    if (!port) return { refused: 'DISPUTE.PROVIDER_NOT_CONFIGURED' };
    try {
      return { result: await port.actOnDispute(call) };
    } catch (error) {
      return answerOfProviderError(error);
    }
  }
}
