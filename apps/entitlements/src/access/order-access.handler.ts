import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Envelope, EnvelopeOf, OrderDisputeChanged, OrderPaid, OrderRefunded, Topics, causedBy, isMessage } from '@payments/contracts';
import { HandlerContext } from '@payments/messaging';
import { ConsumerHandler, InboxHandlers } from '@payments/nest-runtime';
import { Sql } from '@payments/persistence';
import { grantsForPaidOrder } from '../domain/entitlement-grants';
import { decideOnFullRefund, grantForPaidOrder } from '../domain/order-access.decider';
import { AccessDecisionRecorder } from './access-decision.recorder';
import { DecisionContexts } from './decision-context';
import { DisputeAccessService } from './dispute-access.service';

/**
 * orders.events -> entitlements: a paid order grants access, once per product, and tells the LMS;
 * an order refunded in full revokes it when ENTITLEMENTS_REVOKE_ON_FULL_REFUND says so. A partial
 * refund changes nothing; a dispute suspends, reinstates or revokes it by ENTITLEMENTS_DISPUTE_POLICY.
 * The topic is keyed by order id, so an order's refund or dispute follows its payment.
 */
@InboxHandlers()
export class OrderAccessHandler implements ConsumerHandler {
  constructor(
    private readonly recorder: AccessDecisionRecorder,
    private readonly contexts: DecisionContexts,
    private readonly disputes: DisputeAccessService,
  ) {}

  @EventPattern(Topics.ordersEvents)
  async handle(@Payload() envelope: Envelope, @Ctx() { sql }: HandlerContext): Promise<void> {
    if (isMessage(envelope, OrderPaid)) await this.grant(sql, envelope);
    else if (isMessage(envelope, OrderRefunded) && envelope.payload.fullyRefunded) await this.revoke(sql, envelope);
    else if (isMessage(envelope, OrderDisputeChanged)) await this.disputes.apply(sql, envelope);
  }

  private async grant(sql: Sql, envelope: EnvelopeOf<typeof OrderPaid>): Promise<void> {
    const ctx = this.contexts.now();
    for (const grant of grantsForPaidOrder(envelope.payload)) {
      const decision = grantForPaidOrder(grant, ctx);
      if (!(await this.recorder.entitlements.insertOnce(sql, decision.entitlement, ctx.now))) continue;
      await this.recorder.logAndPublish(sql, decision, causedBy(envelope), ctx.now);
    }
  }

  private async revoke(sql: Sql, envelope: EnvelopeOf<typeof OrderRefunded>): Promise<void> {
    const ctx = this.contexts.now();
    for (const current of await this.recorder.entitlements.forOrder(sql, envelope.payload.orderId)) {
      await this.recorder.record(sql, current, decideOnFullRefund(current, ctx), causedBy(envelope), ctx.now);
    }
  }
}
