import { Inject, Injectable } from '@nestjs/common';
import { DATABASE } from '@payments/nest-runtime';
import { Database } from '@payments/persistence';
import { ListFilter } from '../read-models/list-filter';
import { SubscriptionViewDto } from './subscription.dto';

const MAX_LISTED = 200;

interface SubscriptionRow {
  subscription_id: string; user_id: string; plan_id: string; billing_interval: string; amount_minor: string; currency: string; provider: string;
  status: string; paid_through: Date | null; periods_paid: number; cancel_at_period_end: boolean; past_due_since: Date | null; ended_at: Date | null;
  end_reason: string | null; placed_at: Date; updated_at: Date;
}

const toView = (row: SubscriptionRow): SubscriptionViewDto => ({
  subscriptionId: row.subscription_id, userId: row.user_id, planId: row.plan_id, interval: row.billing_interval, amountMinor: Number(row.amount_minor),
  currency: row.currency, provider: row.provider, status: row.status, paidThrough: row.paid_through, periodsPaid: row.periods_paid,
  cancelAtPeriodEnd: row.cancel_at_period_end, pastDueSince: row.past_due_since, endedAt: row.ended_at, endReason: row.end_reason,
  placedAt: row.placed_at, updatedAt: row.updated_at,
});

export interface SubscriptionFilter extends ListFilter {
  readonly status?: string;
}

/** Reads the gateway's subscriptions read model (projected from subscriptions.events). */
@Injectable()
export class SubscriptionReadModel {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async findById(subscriptionId: string): Promise<SubscriptionViewDto | null> {
    const [row] = await this.db.query<SubscriptionRow>(`SELECT * FROM gateway.subscriptions WHERE subscription_id = $1`, [subscriptionId]);
    return row ? toView(row) : null;
  }

  /** The console's search, newest first; every filter optional. */
  async search(filter: SubscriptionFilter): Promise<SubscriptionViewDto[]> {
    const rows = await this.db.query<SubscriptionRow>(
      `SELECT * FROM gateway.subscriptions
        WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR provider = $2) AND ($3::text IS NULL OR currency = $3)
          AND ($4::text IS NULL OR user_id = $4) AND ($5::timestamptz IS NULL OR placed_at >= $5) AND ($6::timestamptz IS NULL OR placed_at < $6)
        ORDER BY placed_at DESC LIMIT $7`,
      [filter.status ?? null, filter.provider ?? null, filter.currency ?? null, filter.userId ?? null, filter.from ?? null, filter.to ?? null, filter.limit],
    );
    return rows.map(toView);
  }

  /** Newest first; `userId` undefined lists everyone's (admins). */
  async list(userId?: string): Promise<SubscriptionViewDto[]> {
    const rows = userId === undefined
      ? await this.db.query<SubscriptionRow>(`SELECT * FROM gateway.subscriptions ORDER BY placed_at DESC LIMIT ${MAX_LISTED}`)
      : await this.db.query<SubscriptionRow>(`SELECT * FROM gateway.subscriptions WHERE user_id = $1 ORDER BY placed_at DESC LIMIT ${MAX_LISTED}`, [userId]);
    return rows.map(toView);
  }
}
