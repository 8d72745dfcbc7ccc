import {
  EntitlementRevoked, EntitlementValidityChanged, Envelope, SubscriptionCancellationScheduled, SubscriptionEnded, SubscriptionPastDue, SubscriptionPeriodPaid,
  SubscriptionPlaced, isMessage,
} from '@payments/contracts';
import { Sql } from '@payments/persistence';

/*
 * subscriptions.events and the entitlement lifecycle topics -> the gateway's read models. Each rule
 * is monotone (an ended subscription stays ended, paid-through only grows, a revoked entitlement
 * stays revoked, a validity change applies only over an older one), so redelivery and the lack of
 * order between topics cannot move a row backwards.
 */

/** Applies one message; false when it is not one of these. */
export async function projectSubscriptionMessage(envelope: Envelope, sql: Sql): Promise<boolean> {
  const at = envelope.occurredAt;
  if (isMessage(envelope, SubscriptionPlaced)) {
    const s = envelope.payload;
    await sql.query(
      `INSERT INTO gateway.subscriptions (subscription_id, user_id, plan_id, billing_interval, amount_minor, currency, provider, status, placed_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'incomplete', $8, $9) ON CONFLICT (subscription_id) DO NOTHING`,
      [s.subscriptionId, s.userId, s.planId, s.interval, s.amountMinor, s.currency, s.provider, s.placedAt, at],
    );
  } else if (isMessage(envelope, SubscriptionPeriodPaid)) {
    const p = envelope.payload;
    await sql.query(
      `UPDATE gateway.subscriptions SET paid_through = GREATEST(paid_through, $2), periods_paid = GREATEST(periods_paid, $3),
         status = CASE WHEN status = 'ended' THEN status ELSE 'active' END, past_due_since = NULL, updated_at = $4
       WHERE subscription_id = $1`,
      [p.subscriptionId, p.periodEnd, p.periodsPaid, at],
    );
  } else if (isMessage(envelope, SubscriptionPastDue)) {
    await sql.query(
      `UPDATE gateway.subscriptions SET status = 'past_due', past_due_since = $2, updated_at = $3 WHERE subscription_id = $1 AND status <> 'ended'`,
      [envelope.payload.subscriptionId, envelope.payload.since, at],
    );
  } else if (isMessage(envelope, SubscriptionCancellationScheduled)) {
    await sql.query(`UPDATE gateway.subscriptions SET cancel_at_period_end = $2, updated_at = $3 WHERE subscription_id = $1 AND status <> 'ended'`, [
      envelope.payload.subscriptionId, envelope.payload.scheduled, at,
    ]);
  } else if (isMessage(envelope, SubscriptionEnded)) {
    await sql.query(
      `UPDATE gateway.subscriptions SET status = 'ended', ended_at = $2, end_reason = $3, past_due_since = NULL, updated_at = $4
       WHERE subscription_id = $1 AND status <> 'ended'`,
      [envelope.payload.subscriptionId, envelope.payload.endedAt, envelope.payload.reason, at],
    );
  } else if (isMessage(envelope, EntitlementValidityChanged)) {
    const c = envelope.payload;
    await sql.query(
      `INSERT INTO gateway.entitlements (entitlement_id, user_id, product_id, kind, order_id, granted_at, status, valid_until, subscription_id, sequence, status_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $11, $9, $10)
       ON CONFLICT (entitlement_id) DO UPDATE SET status = EXCLUDED.status, valid_until = EXCLUDED.valid_until, sequence = EXCLUDED.sequence,
         status_reason = EXCLUDED.status_reason
       WHERE gateway.entitlements.status <> 'revoked' AND gateway.entitlements.sequence < EXCLUDED.sequence`,
      // A one-time order's entitlement (suspended around a dispute) names its order and has no end.
      [c.entitlementId, c.userId, c.productId, c.kind, c.orderId ?? c.subscriptionId, c.changedAt, c.status, c.validUntil ?? null, c.sequence, c.reason, c.subscriptionId ?? null],
    );
  } else if (isMessage(envelope, EntitlementRevoked)) {
    const r = envelope.payload;
    await sql.query(
      `INSERT INTO gateway.entitlements (entitlement_id, user_id, product_id, kind, order_id, granted_at, status, subscription_id, status_reason, revoked_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'revoked', $7, $8, $6)
       ON CONFLICT (entitlement_id) DO UPDATE SET status = 'revoked', status_reason = EXCLUDED.status_reason, revoked_at = EXCLUDED.revoked_at
       WHERE gateway.entitlements.status <> 'revoked'`,
      [r.entitlementId, r.userId, r.productId, r.kind, r.orderId, r.revokedAt, r.subscriptionId ?? null, r.reason],
    );
  } else {
    return false;
  }
  return true;
}
