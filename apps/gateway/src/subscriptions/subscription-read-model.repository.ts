import { Inject, Injectable } from '@nestjs/common';
import { DATABASE } from '@payments/nest-runtime';
import { Database } from '@payments/persistence';
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

/** Reads the gateway's subscriptions read model (projected from subscriptions.events). */
@Injectable()
export class SubscriptionReadModel {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async findById(subscriptionId: string): Promise<SubscriptionViewDto | null> {
    const [row] = await this.db.query<SubscriptionRow>(`SELECT * FROM gateway.subscriptions WHERE subscription_id = $1`, [subscriptionId]);
    return row ? toView(row) : null;
  }

  /** Newest first; `userId` undefined lists everyone's (admins). */
  async list(userId?: string): Promise<SubscriptionViewDto[]> {
    const rows = userId === undefined
      ? await this.db.query<SubscriptionRow>(`SELECT * FROM gateway.subscriptions ORDER BY placed_at DESC LIMIT ${MAX_LISTED}`)
      : await this.db.query<SubscriptionRow>(`SELECT * FROM gateway.subscriptions WHERE user_id = $1 ORDER BY placed_at DESC LIMIT ${MAX_LISTED}`, [userId]);
    return rows.map(toView);
  }
}
