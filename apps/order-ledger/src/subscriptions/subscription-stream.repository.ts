import { PostgresEventStore } from '@payments/event-store';
import { Sql } from '@payments/persistence';
import { ORDER_LEDGER_SCHEMA } from '../order-stream.repository';
import { SubscriptionEvent } from './domain/subscription.events';
import { SubscriptionState, evolveSubscription, initialSubscriptionState } from './domain/subscription.view';

export const subscriptionStreamId = (subscriptionId: string): string => `subscription-${subscriptionId}`;

/** Subscription aggregates as event streams in order-ledger's event store, beside the orders. */
export class SubscriptionStreamRepository {
  constructor(private readonly store = new PostgresEventStore(ORDER_LEDGER_SCHEMA)) {}

  async load(sql: Sql, subscriptionId: string): Promise<{ state: SubscriptionState; version: number }> {
    const events = await this.store.readStream(sql, subscriptionStreamId(subscriptionId));
    const state = events.reduce((current, stored) => evolveSubscription(current, { type: stored.type, data: stored.data } as SubscriptionEvent), initialSubscriptionState());
    return { state, version: events.length };
  }

  /** Fails with ConcurrencyConflictError if another transaction appended since `load`. */
  async append(sql: Sql, subscriptionId: string, expectedVersion: number, events: readonly SubscriptionEvent[], metadata: Record<string, unknown>): Promise<void> {
    await this.store.append(sql, subscriptionStreamId(subscriptionId), expectedVersion, events.map((event) => ({ type: event.type, data: { ...event.data }, metadata })));
  }
}
