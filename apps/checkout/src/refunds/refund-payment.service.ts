import { Inject, Injectable } from '@nestjs/common';
import { EnvelopeOrigin, ProviderName, RefundFailed, RefundPaymentRequestedV1, RefundSucceeded, buildMessage } from '@payments/contracts';
import { Sql } from '@payments/persistence';
import { ProviderError, RefundResult } from '@payments/providers';
import { CLOCK, Clock, Outbox } from '@payments/nest-runtime';
import { LOGGER, Logger } from '@payments/observability';
import { UnprocessableMessageError } from '@payments/messaging';
import { CheckoutOrderRepository } from '../checkout-order.repository';
import { providerRefundKey, refundOutcomeMessageId } from '../domain/order-identity';
import { refundTarget } from '../domain/refund-target';
import { CHECKOUT_PROVIDERS, CheckoutProviders } from '../open-checkout/open-checkout.service';
import { RefundAnswer, RefundRepository } from './refund.repository';
import { RefundFailure, finalStatusFailure, providerRefusal, targetRefusal } from './refund-failure-reason';

/** What one refund command came to. */
export type RefundOutcome = 'succeeded' | 'failed' | 'pending' | 'already_final';

/** A refund command that contradicts an earlier one with the same refund id: an operator must look. */
export class ConflictingRefundError extends UnprocessableMessageError {
  constructor(message: string) {
    super('REFUND.CONFLICT', message);
  }
}

/** A refund checkout cannot make as configured: an unknown order, or a provider not configured. */
export class UnrefundableHereError extends UnprocessableMessageError {
  constructor(message: string) {
    super('REFUND.NOT_POSSIBLE_HERE', message);
  }
}

/**
 * Makes a refund order-ledger accepted, at the provider that took the payment, inside the consumer's
 * inbox transaction. The provider call is keyed by our refund id, so a redelivered command (or a
 * transaction rolled back after the call) names the same refund and never refunds twice. A final
 * answer is reported on payments.provider-events as RefundSucceeded or RefundFailed, under one
 * message id per refund and outcome. A pending refund is recorded; its final state arrives with the
 * provider's refund webhook, or when the command comes again (the provider's status API is then
 * asked, not a second refund). A provider outage is thrown, for the consumer to retry with backoff.
 */
@Injectable()
export class RefundPaymentService {
  private readonly orders = new CheckoutOrderRepository();
  private readonly refunds = new RefundRepository();

  constructor(
    @Inject(CHECKOUT_PROVIDERS) private readonly providers: CheckoutProviders,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly outbox: Outbox,
  ) {}

  async refund(sql: Sql, request: RefundPaymentRequestedV1, origin: EnvelopeOrigin): Promise<RefundOutcome> {
    const earlier = await this.refunds.find(sql, request.refundId);
    if (earlier && (earlier.orderId !== request.orderId || earlier.amountMinor !== request.amountMinor || earlier.currency !== request.currency)) {
      throw new ConflictingRefundError(`refund ${request.refundId} was asked before for ${earlier.amountMinor} ${earlier.currency} of order ${earlier.orderId}`);
    }
    if (earlier && earlier.status !== 'pending') return 'already_final';

    // Both are operator matters, not refund failures: the command waits in the dead-letter topic,
    // to be replayed once the order or the provider's configuration is there.
    const order = await this.orders.findOpen(sql, request.orderId);
    if (!order) throw new UnrefundableHereError(`checkout opened no provider session for order ${request.orderId}`);
    const provider = this.providers.get(order.provider);
    if (!provider) throw new UnrefundableHereError(`provider ${order.provider} of order ${request.orderId} is not configured`);
    const target = refundTarget(order.provider, order.providerReference, request.providerPaymentId);
    if ('refused' in target) return this.fail(sql, request, order.provider, null, targetRefusal(target.refused), origin);

    let result: RefundResult;
    try {
      // Asked again about a refund left pending: the provider's status API says where it is now
      // (a repeated create would only replay the first, pending answer).
      result = earlier?.providerRefundId
        ? await provider.retrieveRefund(earlier.providerRefundId)
        : await provider.refund({
          providerReference: target.providerReference,
          amountMinor: request.amountMinor,
          currency: request.currency,
          orderId: request.orderId,
          refundId: request.refundId,
          idempotencyKey: providerRefundKey(request.refundId),
          reason: request.reason,
        });
    } catch (error) {
      if (!(error instanceof ProviderError) || error.retryable) throw error;
      return this.fail(sql, request, order.provider, null, providerRefusal(error), origin);
    }
    if (result.amountMinor !== request.amountMinor || result.currency !== request.currency) {
      // The provider refunded something else under our key: never report it as our refund.
      throw new ConflictingRefundError(`provider refund ${result.providerRefundId} is ${result.amountMinor} ${result.currency}, asked ${request.amountMinor} ${request.currency}`);
    }
    if (result.status === 'succeeded') return this.succeed(sql, request, order.provider, result.providerRefundId, origin);
    if (result.status === 'failed' || result.status === 'canceled') {
      return this.fail(sql, request, order.provider, result.providerRefundId, finalStatusFailure(result.status), origin);
    }
    await this.refunds.record(sql, request, order.provider, { status: 'pending', providerRefundId: result.providerRefundId, failureReason: null, at: this.clock.now() });
    this.logger.info({ orderId: request.orderId, refundId: request.refundId, providerRefundId: result.providerRefundId }, 'refund pending at the provider');
    return 'pending';
  }

  private async succeed(sql: Sql, request: RefundPaymentRequestedV1, provider: ProviderName, providerRefundId: string, origin: EnvelopeOrigin): Promise<RefundOutcome> {
    const now = this.clock.now();
    await this.refunds.record(sql, request, provider, { status: 'succeeded', providerRefundId, failureReason: null, at: now });
    await this.outbox.enqueue(sql, [{
      topic: RefundSucceeded.topic,
      envelope: buildMessage(RefundSucceeded, {
        id: refundOutcomeMessageId(request.refundId, 'succeeded'),
        key: request.orderId,
        origin,
        occurredAt: now,
        payload: {
          orderId: request.orderId, refundId: request.refundId, provider, providerEventId: `refund-call:${providerRefundId}`, providerRefundId,
          amountMinor: request.amountMinor, currency: request.currency, succeededAt: now.toISOString(),
        },
      }),
    }]);
    this.logger.info({ orderId: request.orderId, refundId: request.refundId, providerRefundId }, 'refund succeeded');
    return 'succeeded';
  }

  private async fail(
    sql: Sql, request: RefundPaymentRequestedV1, provider: ProviderName, providerRefundId: string | null, failure: RefundFailure, origin: EnvelopeOrigin,
  ): Promise<RefundOutcome> {
    const now = this.clock.now();
    const answer: RefundAnswer = { status: 'failed', providerRefundId, failureReason: failure.reason, at: now };
    await this.refunds.record(sql, request, provider, answer);
    await this.outbox.enqueue(sql, [{
      topic: RefundFailed.topic,
      envelope: buildMessage(RefundFailed, {
        id: refundOutcomeMessageId(request.refundId, 'failed'),
        key: request.orderId,
        origin,
        occurredAt: now,
        payload: {
          orderId: request.orderId, refundId: request.refundId, provider,
          providerEventId: providerRefundId ? `refund-call:${providerRefundId}` : `refund-call:${request.refundId}`,
          ...(providerRefundId ? { providerRefundId } : {}),
          reason: answer.failureReason as string, failedAt: now.toISOString(),
        },
      }),
    }]);
    this.logger.warn({ orderId: request.orderId, refundId: request.refundId, reason: failure.reason, detail: failure.detail }, 'refund failed; the money stays with us');
    return 'failed';
  }
}
