import { Inject, Injectable } from '@nestjs/common';
import {
  CheckoutReplied, CheckoutRequested, Envelope, PaymentStatusCheckRequested, RefundPaymentRequested, buildMessage, causedBy, isMessage,
} from '@payments/contracts';
import { HandlerContext } from '@payments/messaging';
import { CLOCK, Clock, ConsumerHandler, Outbox } from '@payments/nest-runtime';
import { OpenCheckoutService } from './open-checkout/open-checkout.service';
import { RefundPaymentService } from './refunds/refund-payment.service';
import { PaymentStatusCheckService } from './status-check/payment-status-check.service';

/**
 * checkout.commands, routed by message type, inside the inbox transaction:
 * - CheckoutRequested -> a priced order and provider session, answered on checkout.replies;
 * - PaymentStatusCheckRequested -> a server-side look-up at the provider, reported on
 *   payments.provider-events when paid;
 * - RefundPaymentRequested -> a refund at the provider (from order-ledger), reported on
 *   payments.provider-events once final.
 * Other types on the topic are not checkout's and are skipped.
 */
@Injectable()
export class CheckoutCommandsHandler implements ConsumerHandler {
  constructor(
    private readonly openCheckout: OpenCheckoutService,
    private readonly statusCheck: PaymentStatusCheckService,
    private readonly refunds: RefundPaymentService,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(envelope: Envelope, { sql }: HandlerContext): Promise<void> {
    if (isMessage(envelope, PaymentStatusCheckRequested)) {
      await this.statusCheck.check(sql, envelope.payload, causedBy(envelope));
      return;
    }
    if (isMessage(envelope, RefundPaymentRequested)) {
      await this.refunds.refund(sql, envelope.payload, causedBy(envelope));
      return;
    }
    if (!isMessage(envelope, CheckoutRequested)) return;
    const request = envelope.payload;
    const response = await this.openCheckout.open(sql, request, causedBy(envelope));
    await this.outbox.enqueue(sql, [{
      topic: CheckoutReplied.topic,
      envelope: buildMessage(CheckoutReplied, {
        key: request.userId,
        origin: causedBy(envelope),
        occurredAt: this.clock.now(),
        payload: { requestId: envelope.id, replyTo: request.replyTo, statusCode: response.statusCode, body: response.body },
      }),
    }]);
  }
}
