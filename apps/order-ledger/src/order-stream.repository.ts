import { PostgresEventStore } from '@payments/event-store';
import { Sql } from '@payments/persistence';
import { evolve, initialState } from './domain/order.decider';
import { OrderEvent } from './domain/order.events';
import { OrderState } from './domain/order.state';

export const ORDER_LEDGER_SCHEMA = 'order_ledger';

export interface LoadedOrder {
  readonly state: OrderState;
  /** Events in the stream: the expected version for the next append. */
  readonly version: number;
}

export const orderStreamId = (orderId: string): string => `order-${orderId}`;

/** Order aggregates as event streams in order-ledger's event store. */
export class OrderStreamRepository {
  constructor(private readonly store = new PostgresEventStore(ORDER_LEDGER_SCHEMA)) {}

  async load(sql: Sql, orderId: string): Promise<LoadedOrder> {
    const events = await this.store.readStream(sql, orderStreamId(orderId));
    const state = events.reduce((current, stored) => evolve(current, { type: stored.type, data: stored.data } as OrderEvent), initialState());
    return { state, version: events.length };
  }

  /** Fails with ConcurrencyConflictError if another transaction appended since `load`. */
  async append(sql: Sql, orderId: string, expectedVersion: number, events: readonly OrderEvent[], metadata: Record<string, unknown>): Promise<void> {
    await this.store.append(
      sql,
      orderStreamId(orderId),
      expectedVersion,
      events.map((event) => ({ type: event.type, data: { ...event.data }, metadata })),
    );
  }
}
