import type { BillingInterval, ProviderName } from '@payments/contracts';
import { Sql } from '@payments/persistence';
import type { SubscriptionCancelMode } from '@payments/providers';
import { PriceQuote } from '../domain/pricing';

/** A subscription checkout priced by checkout: what it opens at the provider. */
export interface NewCheckoutSubscription {
  readonly subscriptionId: string;
  readonly userId: string;
  readonly planId: string;
  readonly interval: BillingInterval;
  /** What each period costs. */
  readonly quote: PriceQuote;
  readonly provider: ProviderName;
  readonly createdAt: Date;
}

/** A subscription checkout whose provider object is open: what a cancel needs. */
export interface OpenSubscription {
  readonly subscriptionId: string;
  readonly provider: ProviderName;
  readonly providerReference: string;
}

export type FoundSubscription = { readonly status: 'open'; readonly subscription: OpenSubscription } | { readonly status: 'failed_to_open' };

interface FoundRow { subscription_id: string; provider: ProviderName; provider_reference: string | null; status: 'open' | 'failed_to_open' }

const INSERT_COLUMNS = `subscription_id, user_id, plan_id, billing_interval, currency, subtotal_minor, tax_minor, total_minor, tax_label, provider,
  created_at, status, provider_reference, failure_code, failure_reason`;

function subscriptionValues(subscription: NewCheckoutSubscription): unknown[] {
  const { quote } = subscription;
  return [subscription.subscriptionId, subscription.userId, subscription.planId, subscription.interval, quote.currency, quote.subtotalMinor,
    quote.taxMinor, quote.totalMinor, quote.taxLabel ?? null, subscription.provider, subscription.createdAt];
}

/** checkout.subscriptions: every subscription checkout priced, open or refused by the provider. */
export class SubscriptionRepository {
  async recordOpened(sql: Sql, subscription: NewCheckoutSubscription, providerReference: string): Promise<void> {
    await sql.query(
      `INSERT INTO checkout.subscriptions (${INSERT_COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'open', $12, NULL, NULL)`,
      [...subscriptionValues(subscription), providerReference],
    );
  }

  async recordFailedToOpen(sql: Sql, subscription: NewCheckoutSubscription, failureCode: string, failureReason: string): Promise<void> {
    await sql.query(
      `INSERT INTO checkout.subscriptions (${INSERT_COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'failed_to_open', NULL, $12, $13)`,
      [...subscriptionValues(subscription), failureCode, failureReason.slice(0, 500)],
    );
  }

  /** The subscription checkout, if checkout priced one under this id; null for an unknown id. */
  async find(sql: Sql, subscriptionId: string): Promise<FoundSubscription | null> {
    const [row] = await sql.query<FoundRow>(
      `SELECT subscription_id, provider, provider_reference, status FROM checkout.subscriptions WHERE subscription_id = $1`,
      [subscriptionId],
    );
    if (!row) return null;
    if (row.status !== 'open' || row.provider_reference === null) return { status: 'failed_to_open' };
    return { status: 'open', subscription: { subscriptionId: row.subscription_id, provider: row.provider, providerReference: row.provider_reference } };
  }

  async recordCancelRequested(sql: Sql, subscriptionId: string, mode: SubscriptionCancelMode, at: Date): Promise<void> {
    await sql.query(
      `UPDATE checkout.subscriptions SET cancel_mode = $2, cancel_requested_at = $3 WHERE subscription_id = $1`,
      [subscriptionId, mode, at],
    );
  }
}
