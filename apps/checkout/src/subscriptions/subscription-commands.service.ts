import { Injectable } from '@nestjs/common';
import { Envelope, SubscriptionCancelRequested, SubscriptionCheckoutRequested, causedBy, isMessage } from '@payments/contracts';
import { Sql } from '@payments/persistence';
import type { StoredResponse } from '../idempotency.repository';
import { CancelSubscriptionService } from './cancel-subscription.service';
import { OpenSubscriptionCheckoutService } from './open-subscription-checkout.service';

/** The answer to a subscription command, and the gateway instance waiting for it. */
export interface SubscriptionAnswer {
  readonly replyTo: string;
  readonly response: StoredResponse;
}

/**
 * The subscription commands on checkout.commands: SubscriptionCheckoutRequested opens a
 * subscription checkout, SubscriptionCancelRequested cancels one; both are answered on
 * checkout.replies. Null for any other message.
 */
@Injectable()
export class SubscriptionCommandsService {
  constructor(
    private readonly open: OpenSubscriptionCheckoutService,
    private readonly cancel: CancelSubscriptionService,
  ) {}

  async answer(sql: Sql, envelope: Envelope): Promise<SubscriptionAnswer | null> {
    if (isMessage(envelope, SubscriptionCheckoutRequested)) {
      return { replyTo: envelope.payload.replyTo, response: await this.open.open(sql, envelope.payload, causedBy(envelope)) };
    }
    if (isMessage(envelope, SubscriptionCancelRequested)) {
      return { replyTo: envelope.payload.replyTo, response: await this.cancel.cancel(sql, envelope.payload) };
    }
    return null;
  }
}
