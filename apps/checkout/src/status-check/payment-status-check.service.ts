import { Inject, Injectable } from '@nestjs/common';
import { EnvelopeOrigin, PaymentStatusCheckRequestedV1, PaymentSucceeded, ProviderName, buildMessage } from '@payments/contracts';
import { Sql } from '@payments/persistence';
import { ProviderError } from '@payments/providers';
import { CLOCK, Clock, Outbox } from '@payments/nest-runtime';
import { LOGGER, Logger } from '@payments/observability';
import { CHECKOUT_PROVIDERS, CheckoutProviders } from '../open-checkout/open-checkout.service';

interface OrderRow { user_id: string; provider: ProviderName; provider_reference: string | null }

/**
 * Asks the provider, server-side, whether an order's payment succeeded (the browser's return page or
 * a pending order asked). A paid answer is published as PaymentSucceeded, named as the provider's
 * own webhook names the payment, so the webhook arriving later adds nothing downstream. Nothing
 * else can come of it: the browser's word never moves an order.
 */
@Injectable()
export class PaymentStatusCheckService {
  constructor(
    @Inject(CHECKOUT_PROVIDERS) private readonly providers: CheckoutProviders,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly outbox: Outbox,
  ) {}

  async check(sql: Sql, request: PaymentStatusCheckRequestedV1, origin: EnvelopeOrigin): Promise<'published' | 'not_paid' | 'skipped'> {
    const [order] = await sql.query<OrderRow>(
      `SELECT user_id, provider, provider_reference FROM checkout.orders WHERE order_id = $1 AND status = 'open'`,
      [request.orderId],
    );
    const provider = order ? this.providers.get(order.provider) : undefined;
    if (!order || order.user_id !== request.userId || !order.provider_reference || !provider) {
      this.logger.warn({ orderId: request.orderId }, 'status check for an order checkout did not open; ignored');
      return 'skipped';
    }
    let payment;
    try {
      payment = await provider.retrievePayment(order.provider_reference);
    } catch (error) {
      // Rate limits and outages are retried by the consumer; anything else will not get better.
      if (error instanceof ProviderError && !error.retryable) {
        this.logger.warn({ orderId: request.orderId, code: error.code }, 'status check refused by the provider; ignored');
        return 'skipped';
      }
      throw error;
    }
    if (!payment.paid || payment.paymentId === null) return 'not_paid';
    const now = this.clock.now();
    await this.outbox.enqueue(sql, [{
      topic: PaymentSucceeded.topic,
      envelope: buildMessage(PaymentSucceeded, {
        key: request.orderId,
        origin,
        occurredAt: now,
        payload: {
          orderId: request.orderId,
          provider: order.provider,
          providerEventId: `status-check:${payment.paymentId}`,
          providerPaymentId: payment.paymentId,
          amountMinor: payment.amountMinor,
          currency: payment.currency,
          succeededAt: now.toISOString(),
        },
      }),
    }]);
    return 'published';
  }
}
