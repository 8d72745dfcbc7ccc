import { PostgresEventStore } from '@payments/event-store';
import { Sql } from '@payments/persistence';
import { redactDeep } from '@payments/observability';
import { ORDER_LEDGER_SCHEMA, orderStreamId } from '../order-stream.repository';

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

export interface OrderHistory {
  readonly orderId: string;
  readonly events: HistoryEvent[];
  readonly journals: Journal[];
}

interface PostingRow { journal_id: string; account: string; amount_minor: string; currency: string; posted_at: Date }

/** An order's stream from the event store and its ledger journals, oldest first, for operators. */
export class OrderHistoryRepository {
  constructor(private readonly store = new PostgresEventStore(ORDER_LEDGER_SCHEMA)) {}

  async historyOf(sql: Sql, orderId: string): Promise<OrderHistory | null> {
    const stored = await this.store.readStream(sql, orderStreamId(orderId));
    if (stored.length === 0) return null;
    const postings = await sql.query<PostingRow>(
      `SELECT journal_id, account, amount_minor, currency, posted_at FROM order_ledger.ledger_postings WHERE order_id = $1 ORDER BY posting_id`,
      [orderId],
    );
    return {
      orderId,
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
