import { Inject, Injectable } from '@nestjs/common';
import { CheckoutReplied, CheckoutRequested, Envelope, buildMessage, causedBy, isMessage } from '@payments/contracts';
import { HandlerContext } from '@payments/messaging';
import { CLOCK, Clock, ConsumerHandler, Outbox } from '@payments/nest-runtime';
import { OpenCheckoutService } from './open-checkout.service';

/** checkout.commands -> a priced order and provider session, answered on checkout.replies. */
@Injectable()
export class CheckoutRequestedHandler implements ConsumerHandler {
  constructor(
    private readonly openCheckout: OpenCheckoutService,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(envelope: Envelope, { sql }: HandlerContext): Promise<void> {
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
