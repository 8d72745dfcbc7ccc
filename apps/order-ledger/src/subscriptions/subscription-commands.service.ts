import { Inject, Injectable } from '@nestjs/common';
import {
  Contract, EnvelopeOrigin, SubscriptionCancellationScheduled, SubscriptionEnded, SubscriptionPastDue, SubscriptionPeriodPaid, SubscriptionPlaced, buildMessage,
} from '@payments/contracts';
import { OutboundMessage } from '@payments/messaging';
import { CLOCK, Clock, Outbox } from '@payments/nest-runtime';
import { Sql } from '@payments/persistence';
import { postingsForOrderPaid } from '../domain/ledger-postings';
import { LedgerRepository } from '../ledger.repository';
import { SubscriptionCommand, decideSubscription } from './domain/subscription.decider';
import { SubscriptionEvent } from './domain/subscription.events';
import { PlacedSubscription, SubscriptionState, SubscriptionView, evolveSubscription, viewOf } from './domain/subscription.view';
import { SubscriptionStreamRepository } from './subscription-stream.repository';

/**
 * Runs one command against one subscription in the caller's transaction: load, decide, append at
 * the expected version, book each paid period (journal + invoice), and enqueue what changed on
 * subscriptions.events - placement, each paid period, and the derived status moving to past due,
 * cancellation scheduled or ended.
 */
@Injectable()
export class SubscriptionCommandsService {
  private readonly streams = new SubscriptionStreamRepository();
  private readonly ledger = new LedgerRepository();

  constructor(
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(sql: Sql, subscriptionId: string, command: SubscriptionCommand, origin: EnvelopeOrigin): Promise<SubscriptionEvent[]> {
    const now = this.clock.now();
    const { state, version } = await this.streams.load(sql, subscriptionId);
    const events = decideSubscription(command, state, now);
    if (events.length === 0) return events;
    await this.streams.append(sql, subscriptionId, version, events, { correlationId: origin.correlationId, causationId: origin.causationId ?? null });
    const messages: OutboundMessage[] = [];
    let current: SubscriptionState = state;
    for (const event of events) {
      const before = current.placed ? viewOf(current) : undefined;
      current = evolveSubscription(current, event);
      if (!current.placed) continue;
      messages.push(...(await this.messagesFor(sql, event, current, before, origin, now)));
    }
    await this.outbox.enqueue(sql, messages);
    return events;
  }

  private async messagesFor(
    sql: Sql, event: SubscriptionEvent, subscription: PlacedSubscription, before: SubscriptionView | undefined, origin: EnvelopeOrigin, now: Date,
  ): Promise<OutboundMessage[]> {
    const { subscriptionId, userId, planId } = subscription;
    const ref = { subscriptionId, userId, planId };
    const message = <T>(contract: Contract<T>, payload: T): OutboundMessage => ({
      topic: contract.topic,
      envelope: buildMessage(contract, { key: subscriptionId, origin, occurredAt: now, payload }),
    });
    const out: OutboundMessage[] = [];
    if (event.type === 'SubscriptionPlaced') {
      const { interval, amountMinor, currency, provider, placedAt } = event.data;
      out.push(message(SubscriptionPlaced, { ...ref, interval, amountMinor, currency, provider, placedAt }));
    }
    if (event.type === 'SubscriptionPeriodPaid') {
      const { providerPaymentId, periodStart, periodEnd, amountMinor, currency, billingReason, paidAt } = event.data;
      const totals = { totalMinor: amountMinor, taxMinor: subscription.breakdown.taxMinor, currency };
      await this.ledger.post(sql, `subscription-payment:${subscription.provider}:${providerPaymentId}`, subscriptionId, postingsForOrderPaid(totals), now);
      const invoiceNumber = await this.ledger.issueInvoice(sql, { subscriptionId, providerPaymentId, amountMinor, taxMinor: totals.taxMinor, currency }, now);
      out.push(message(SubscriptionPeriodPaid, {
        ...ref, provider: subscription.provider, periodStart, periodEnd, amountMinor, currency, invoiceNumber, billingReason, periodsPaid: subscription.paid.length, paidAt,
      }));
    }
    const after = viewOf(subscription);
    if (after.status === 'PastDue' && before?.status !== 'PastDue' && after.paidThrough !== undefined) {
      out.push(message(SubscriptionPastDue, { ...ref, paidThrough: after.paidThrough, reason: after.pastDueReason ?? 'payment_failed', since: now.toISOString() }));
    }
    if (after.status !== 'Ended' && before !== undefined && after.cancelAtPeriodEnd !== before.cancelAtPeriodEnd) {
      const endsAt = after.cancelAtPeriodEnd ? after.paidThrough : undefined;
      out.push(message(SubscriptionCancellationScheduled, { ...ref, scheduled: after.cancelAtPeriodEnd, ...(endsAt ? { endsAt } : {}), changedAt: now.toISOString() }));
    }
    if (after.status === 'Ended' && before?.status !== 'Ended' && after.endedAt !== undefined) {
      out.push(message(SubscriptionEnded, { ...ref, reason: after.endReason ?? 'canceled', endedAt: after.endedAt }));
    }
    return out;
  }
}
