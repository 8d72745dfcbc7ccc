import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Envelope, Topics, causedBy } from '@payments/contracts';
import { HandlerContext, UnprocessableMessageError } from '@payments/messaging';
import { ConsumerHandler, InboxHandlers } from '@payments/nest-runtime';
import { EntitlementError } from '../domain/entitlement.errors';
import { Entitlement, DecisionContext } from '../domain/entitlement';
import { SubscriptionFact, decideSubscriptionAccess } from '../domain/subscription-access.decider';
import { subscriptionFactOf } from '../domain/subscription-access.facts';
import { AccessDecisionRecorder } from './access-decision.recorder';
import { DecisionContexts } from './decision-context';

/**
 * subscriptions.events -> entitlements: the first paid period grants the plan, later ones extend
 * it, the end revokes it; in whatever order the facts come. The subscription's row is locked while
 * deciding, so the lapsed-access sweeper and this handler take turns. A refused decision is the
 * message's own fault: dead-lettered at once.
 */
@InboxHandlers()
export class SubscriptionAccessHandler implements ConsumerHandler {
  constructor(
    private readonly recorder: AccessDecisionRecorder,
    private readonly contexts: DecisionContexts,
  ) {}

  @EventPattern(Topics.subscriptionsEvents)
  async handle(@Payload() envelope: Envelope, @Ctx() { sql }: HandlerContext): Promise<void> {
    const fact = subscriptionFactOf(envelope);
    if (!fact) return;
    const current = await this.recorder.entitlements.forSubscription(sql, fact.data.subscriptionId);
    const ctx = this.contexts.now();
    await this.recorder.record(sql, current, decide(current, fact, ctx), causedBy(envelope), ctx.now);
  }
}

function decide(current: Entitlement | undefined, fact: SubscriptionFact, ctx: DecisionContext) {
  try {
    return decideSubscriptionAccess(current, fact, ctx);
  } catch (error) {
    if (error instanceof EntitlementError) throw new UnprocessableMessageError(error.code, error.message);
    throw error;
  }
}
