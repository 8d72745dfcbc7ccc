import { Inject, Optional } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  CatalogQuoteRequested, CheckoutReplied, CheckoutRequested, DisputeActionRequested, Envelope, PaymentStatusCheckRequested, RefundPaymentRequested, SettlementFetchRequested, Topics, buildMessage, causedBy, isMessage,
} from '@payments/contracts';
import { HandlerContext } from '@payments/messaging';
import { CLOCK, Clock, ConsumerHandler, InboxHandlers, Outbox } from '@payments/nest-runtime';
import { CatalogQuoteService } from './catalog-quote/catalog-quote.service';
import { StoredResponse } from './idempotency.repository';
import { SubscriptionCommandsService } from './subscriptions/subscription-commands.service';
import { OpenCheckoutService } from './open-checkout/open-checkout.service';
import { RefundPaymentService } from './refunds/refund-payment.service';
import { PaymentStatusCheckService } from './status-check/payment-status-check.service';
import { SettlementFetchService } from './settlements/settlement-fetch.service';
import { DisputeActionService } from './disputes/dispute-action.service';

/**
 * checkout.commands, routed by message type, inside the inbox transaction:
 * - CheckoutRequested -> a priced order and provider session, answered on checkout.replies;
 * - PaymentStatusCheckRequested -> a server-side look-up at the provider, reported on
 *   payments.provider-events when paid;
 * - RefundPaymentRequested -> a refund at the provider (from order-ledger), reported on
 *   payments.provider-events once final;
 * - CatalogQuoteRequested -> the storefront's priced catalog, answered on checkout.replies;
 * - SubscriptionCheckoutRequested, SubscriptionCancelRequested -> a plan's subscription opened or
 *   cancelled at the provider, answered on checkout.replies;
 * - SettlementFetchRequested -> a provider's settlements of one day (from order-ledger's
 *   reconciliation), reported on settlements.reports in parts.
 * - DisputeActionRequested -> an admin's dispute action at the provider (accept, submit evidence),
 *   reported on checkout.events as DisputeActionCompleted.
 * Other types on the topic are not checkout's and are skipped.
 */
@InboxHandlers()
export class CheckoutCommandsHandler implements ConsumerHandler {
  constructor(
    private readonly openCheckout: OpenCheckoutService,
    private readonly statusCheck: PaymentStatusCheckService,
    private readonly refunds: RefundPaymentService,
    private readonly catalogQuotes: CatalogQuoteService,
    private readonly subscriptions: SubscriptionCommandsService,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() private readonly settlements?: SettlementFetchService,
    @Optional() private readonly disputes?: DisputeActionService,
  ) {}

  @EventPattern(Topics.checkoutCommands)
  async handle(@Payload() envelope: Envelope, @Ctx() { sql }: HandlerContext): Promise<void> {
    if (isMessage(envelope, PaymentStatusCheckRequested)) {
      await this.statusCheck.check(sql, envelope.payload, causedBy(envelope));
      return;
    }
    if (isMessage(envelope, RefundPaymentRequested)) {
      await this.refunds.refund(sql, envelope.payload, causedBy(envelope));
      return;
    }
    if (isMessage(envelope, SettlementFetchRequested)) {
      await this.settlements?.fetch(sql, envelope.payload, causedBy(envelope));
      return;
    }
    if (isMessage(envelope, DisputeActionRequested)) {
      await this.disputes?.act(sql, envelope.payload, causedBy(envelope));
      return;
    }
    if (isMessage(envelope, CatalogQuoteRequested)) {
      await this.reply(sql, envelope, envelope.payload.replyTo, await this.catalogQuotes.quote(sql, envelope.payload));
      return;
    }
    const subscriptionAnswer = await this.subscriptions.answer(sql, envelope);
    if (subscriptionAnswer) {
      await this.reply(sql, envelope, subscriptionAnswer.replyTo, subscriptionAnswer.response);
      return;
    }
    if (!isMessage(envelope, CheckoutRequested)) return;
    await this.reply(sql, envelope, envelope.payload.replyTo, await this.openCheckout.open(sql, envelope.payload, causedBy(envelope)));
  }

  private async reply(sql: HandlerContext['sql'], request: Envelope, replyTo: string, response: StoredResponse): Promise<void> {
    await this.outbox.enqueue(sql, [{
      topic: CheckoutReplied.topic,
      envelope: buildMessage(CheckoutReplied, {
        key: request.key,
        origin: causedBy(request),
        occurredAt: this.clock.now(),
        payload: { requestId: request.id, replyTo, statusCode: response.statusCode, body: response.body },
      }),
    }]);
  }
}
