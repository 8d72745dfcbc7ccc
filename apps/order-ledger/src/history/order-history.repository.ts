import { PostgresEventStore } from '@payments/event-store';
import { Sql } from '@payments/persistence';
import { redactDeep } from '@payments/observability';
import { ORDER_LEDGER_SCHEMA, orderStreamId } from '../order-stream.repository';
import { subscriptionStreamId } from '../subscriptions/subscription-stream.repository';

export interface HistoryEvent {
  readonly version: number;
  readonly type: string;
  readonly recordedAt: string;
  /** The event's data, redacted as logs are (a provider's free text can hold anything). */
  readonly data: Record<string, unknown>;
}

export interface JournalPosting {
  readonly account: string;
  readonly amountMinor: number;
  readonly currency: string;
}

export interface Journal {
  readonly journalId: string;
  readonly postedAt: string;
  readonly postings: JournalPosting[];
}

export interface StreamHistory {
  readonly events: HistoryEvent[];
  readonly journals: Journal[];
}

export interface OrderHistory extends StreamHistory {
  readonly orderId: string;
}

export interface SubscriptionHistory extends StreamHistory {
  readonly subscriptionId: string;
}

interface PostingRow { journal_id: string; account: string; amount_minor: string; currency: string; posted_at: Date }

/**
 * An order's or a subscription's stream from the event store and its ledger journals (a
 * subscription's journals are keyed by its id), oldest first, for operators.
 */
export class OrderHistoryRepository {
  constructor(private readonly store = new PostgresEventStore(ORDER_LEDGER_SCHEMA)) {}

  async historyOf(sql: Sql, orderId: string): Promise<OrderHistory | null> {
    const history = await this.streamHistory(sql, orderStreamId(orderId), orderId);
    return history && { orderId, ...history };
  }

  async subscriptionHistoryOf(sql: Sql, subscriptionId: string): Promise<SubscriptionHistory | null> {
    const history = await this.streamHistory(sql, subscriptionStreamId(subscriptionId), subscriptionId);
    return history && { subscriptionId, ...history };
  }

  private async streamHistory(sql: Sql, streamId: string, ledgerKey: string): Promise<StreamHistory | null> {
    const stored = await this.store.readStream(sql, streamId);
    if (stored.length === 0) return null;
    const postings = await sql.query<PostingRow>(
      `SELECT journal_id, account, amount_minor, currency, posted_at FROM order_ledger.ledger_postings WHERE order_id = $1 ORDER BY posting_id`,
      [ledgerKey],
    );
    return {
      events: stored.map((event) => ({
        version: event.streamVersion, type: event.type, recordedAt: event.recordedAt.toISOString(), data: redactDeep(event.data),
      })),
      journals: journalsOf(postings),
    };
  }
}

function journalsOf(rows: readonly PostingRow[]): Journal[] {
  const journals = new Map<string, Journal>();
  for (const row of rows) {
    const journal = journals.get(row.journal_id) ?? { journalId: row.journal_id, postedAt: row.posted_at.toISOString(), postings: [] };
    journal.postings.push({ account: row.account, amountMinor: Number(row.amount_minor), currency: row.currency.trim() });
    journals.set(row.journal_id, journal);
  }
  return [...journals.values()];
}
