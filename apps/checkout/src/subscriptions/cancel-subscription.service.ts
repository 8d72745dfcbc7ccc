import { Inject, Injectable } from '@nestjs/common';
import { SubscriptionCancelRequestedV1 } from '@payments/contracts';
import { Sql } from '@payments/persistence';
import { CancelSubscriptionResult, ProviderError } from '@payments/providers';
import { CLOCK, Clock } from '@payments/nest-runtime';
import { LOGGER, Logger } from '@payments/observability';
import { providerSubscriptionCancelKey } from '../domain/subscription-identity';
import type { StoredResponse } from '../idempotency.repository';
import { CHECKOUT_PROVIDERS, CheckoutProviders } from '../open-checkout/open-checkout.service';
import { SubscriptionRepository } from './subscription.repository';
import { subscriptionCancelAcceptedResponse, subscriptionErrorResponse, subscriptionProviderFailureResponse } from './subscription-response';

/**
 * Cancels a subscription checkout opened, at the provider it was opened at, inside the consumer's
 * inbox transaction. The provider call is keyed by (subscription, mode), so a redelivered command
 * cancels once. The provider's answer is the reply; what then happens to the subscription (its
 * end, and the access it grants) arrives with the provider's webhooks, as every other change does.
 * Whether the requester may cancel it is the gateway's to decide.
 */
@Injectable()
export class CancelSubscriptionService {
  private readonly subscriptions = new SubscriptionRepository();

  constructor(
    @Inject(CHECKOUT_PROVIDERS) private readonly providers: CheckoutProviders,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async cancel(sql: Sql, request: SubscriptionCancelRequestedV1): Promise<StoredResponse> {
    const { subscriptionId, mode } = request;
    const found = await this.subscriptions.find(sql, subscriptionId);
    if (!found) return subscriptionErrorResponse('SUBSCRIPTION.NOT_FOUND', `no subscription ${subscriptionId}`);
    if (found.status !== 'open') {
      return subscriptionErrorResponse('SUBSCRIPTION.NOT_STARTED', `subscription ${subscriptionId} was never opened at the provider; there is nothing to cancel`);
    }
    const { subscription } = found;
    const provider = this.providers.get(subscription.provider);
    if (!provider) {
      return subscriptionErrorResponse('SUBSCRIPTION.PROVIDER_NOT_CONFIGURED', `provider ${subscription.provider} of subscription ${subscriptionId} is not configured`);
    }
    let result: CancelSubscriptionResult;
    try {
      result = await provider.cancelSubscription({
        providerReference: subscription.providerReference, subscriptionId, mode, idempotencyKey: providerSubscriptionCancelKey(subscriptionId, mode),
      });
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      this.logger.warn({ subscriptionId, provider: subscription.provider, code: error.code, providerCode: error.providerCode }, 'provider refused to cancel a subscription');
      return subscriptionProviderFailureResponse(subscriptionId, error, 'cancel');
    }
    await this.subscriptions.recordCancelRequested(sql, subscriptionId, result.mode, this.clock.now());
    this.logger.info({ subscriptionId, provider: subscription.provider, requestedBy: request.requestedBy, requestedMode: mode, mode: result.mode }, 'subscription cancel accepted');
    return subscriptionCancelAcceptedResponse(subscriptionId, subscription.provider, mode, result);
  }
}
