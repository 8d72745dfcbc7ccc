import { Inject, Injectable } from '@nestjs/common';
import { EnvelopeOrigin, PaymentStatusCheckRequestedV1, PaymentSucceeded, buildMessage } from '@payments/contracts';
import { Sql } from '@payments/persistence';
import { ProviderError, RetrievedPayment } from '@payments/providers';
import { CLOCK, Clock, Outbox } from '@payments/nest-runtime';
import { LOGGER, Logger } from '@payments/observability';
import { CheckoutOrderRepository, OpenCheckoutOrder } from '../checkout-order.repository';
import { statusCheckMessageId } from '../domain/order-identity';
import { CHECKOUT_PROVIDERS, CheckoutProviders } from '../open-checkout/open-checkout.service';

/** What one status check came to; only `reported` publishes anything. */
export type StatusCheckOutcome =
  /** The provider holds the money: PaymentSucceeded was enqueued. */
  | 'reported'
  /** The provider says the payment has not succeeded (yet). */
  | 'not_paid'
  /** No open order of that user here (unknown, failed to open, or another user's). */
  | 'unknown_order'
  /** The provider refused the lookup for good, or answered about another order. */
  | 'refused';

/**
 * Asks the provider, server-side, whether an order's payment succeeded (the browser's return page or
 * a pending order asked). A paid answer is published as PaymentSucceeded, named as the provider's
 * own webhook names the payment (`status-check:<payment id>`, one message id per payment), so a
 * repeated check or the webhook arriving later adds nothing downstream. The browser's word never
 * moves an order. A provider outage is thrown, for the consumer to retry with backoff.
 */
@Injectable()
export class PaymentStatusCheckService {
  private readonly orders = new CheckoutOrderRepository();

  constructor(
    @Inject(CHECKOUT_PROVIDERS) private readonly providers: CheckoutProviders,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly outbox: Outbox,
  ) {}

  async check(sql: Sql, request: PaymentStatusCheckRequestedV1, origin: EnvelopeOrigin): Promise<StatusCheckOutcome> {
    const order = await this.orders.findOpen(sql, request.orderId);
    if (!order || order.userId !== request.userId) {
      this.logger.warn({ orderId: request.orderId, trigger: request.trigger }, 'status check for an order checkout did not open; ignored');
      return 'unknown_order';
    }
    const payment = await this.retrieve(order);
    if (payment === null) return 'refused';
    if (payment.orderId !== null && payment.orderId !== order.orderId) {
      this.logger.error({ orderId: order.orderId, providerReference: order.providerReference, paymentOrderId: payment.orderId },
        'the provider payment names another order; not reported');
      return 'refused';
    }
    if (!payment.paid || payment.paymentId === null) {
      this.logger.info({ orderId: order.orderId, providerStatus: payment.status, trigger: request.trigger }, 'status check: not paid');
      return 'not_paid';
    }
    const now = this.clock.now();
    await this.outbox.enqueue(sql, [{
      topic: PaymentSucceeded.topic,
      envelope: buildMessage(PaymentSucceeded, {
        id: statusCheckMessageId(order.provider, payment.paymentId),
        key: order.orderId,
        origin,
        occurredAt: now,
        payload: {
          orderId: order.orderId,
          provider: order.provider,
          providerEventId: `status-check:${payment.paymentId}`,
          providerPaymentId: payment.paymentId,
          amountMinor: payment.amountMinor,
          currency: payment.currency,
          succeededAt: now.toISOString(),
        },
      }),
    }]);
    this.logger.info({ orderId: order.orderId, providerPaymentId: payment.paymentId, trigger: request.trigger }, 'status check: paid; reported');
    return 'reported';
  }

  /** The provider's answer; null when it refused for good (a retry would not help). Outages are thrown. */
  private async retrieve(order: OpenCheckoutOrder): Promise<RetrievedPayment | null> {
    const provider = this.providers.get(order.provider);
    if (!provider) {
      this.logger.error({ orderId: order.orderId, provider: order.provider }, 'status check for a provider that is not configured; ignored');
      return null;
    }
    try {
      return await provider.retrievePayment(order.providerReference);
    } catch (error) {
      if (!(error instanceof ProviderError) || error.retryable) throw error;
      this.logger.error({ orderId: order.orderId, code: error.code, providerCode: error.providerCode }, 'status check refused by the provider; ignored');
      return null;
    }
  }
}
