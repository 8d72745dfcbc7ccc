import { toParsedWebhook } from './stripe-event.mapper';

const created = 1_764_600_000;
const ours = '5b0e6c8a-3f7d-4a1e-9c2b-7d8e9f0a1b2c';
const event = (type: string, object: Record<string, unknown>) =>
  ({ id: 'evt_s1', type, created, data: { object } }) as unknown as Parameters<typeof toParsedWebhook>[0];
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

const periodStart = 1_764_590_000;
const periodEnd = 1_767_268_400;
const invoice = (fields: Record<string, unknown> = {}) => ({
  id: 'in_1', object: 'invoice', amount_paid: 2900, amount_due: 2900, currency: 'usd', billing_reason: 'subscription_create',
  status_transitions: { paid_at: 1_764_599_990 }, next_payment_attempt: null, last_finalization_error: null,
  parent: { type: 'subscription_details', subscription_details: { subscription: 'sub_1', metadata: { subscription_id: ours, user_id: 'user-1' } } },
  lines: { object: 'list', data: [{ id: 'il_1', period: { start: periodStart, end: periodEnd }, parent: { type: 'subscription_item_details' } }] },
  ...fields,
});
const subscription = (fields: Record<string, unknown> = {}) => ({
  id: 'sub_1', object: 'subscription', status: 'active', cancel_at_period_end: false, currency: 'usd', metadata: { subscription_id: ours },
  items: { object: 'list', data: [{ id: 'si_1', current_period_start: periodStart, current_period_end: periodEnd }] },
  cancellation_details: { reason: null, feedback: null, comment: null },
  ...fields,
});
const subscriptionOf = (parsed: ReturnType<typeof toParsedWebhook>) => ('event' in parsed ? parsed.event.subscription : undefined);

describe('Stripe Billing events in neutral terms (API 2026-10-28.endive)', () => {
  it('reads a paid first invoice as the first period paid, naming our subscription, the Stripe one and the line’s service period', () => {
    expect(toParsedWebhook(event('invoice.paid', invoice()))).toEqual({
      accepted: true, providerEventId: 'evt_s1', providerType: 'invoice.paid',
      event: {
        kind: 'subscription.payment_succeeded', provider: 'stripe', providerEventId: 'evt_s1', providerObjectId: 'in_1', orderId: null,
        amountMinor: 2900, currency: 'USD', occurredAt: iso(created), providerType: 'invoice.paid',
        subscription: {
          subscriptionId: ours, providerSubscriptionId: 'sub_1', billingReason: 'create', periodStart: iso(periodStart), periodEnd: iso(periodEnd), paidAt: iso(1_764_599_990),
        },
      },
    });
  });

  it('reads a renewal as a cycle, takes the plan’s line over a one-off line, and an expanded subscription by its id', () => {
    const parsed = toParsedWebhook(event('invoice.paid', invoice({
      billing_reason: 'subscription_cycle',
      parent: { type: 'subscription_details', subscription_details: { subscription: { id: 'sub_1', object: 'subscription' }, metadata: { subscription_id: ours } } },
      lines: { data: [{ id: 'il_0', period: { start: 1, end: 2 }, parent: { type: 'invoice_item_details' } }, { id: 'il_1', period: { start: periodStart, end: periodEnd }, parent: { type: 'subscription_item_details' } }] },
    })));
    expect(subscriptionOf(parsed)).toMatchObject({ billingReason: 'cycle', providerSubscriptionId: 'sub_1', periodStart: iso(periodStart), periodEnd: iso(periodEnd) });
  });

  it('leaves the period out when the invoice has no lines, rather than guessing it', () => {
    const parsed = toParsedWebhook(event('invoice.paid', invoice({ lines: { data: [] }, status_transitions: {} })));
    expect(subscriptionOf(parsed)).toEqual({ subscriptionId: ours, providerSubscriptionId: 'sub_1', billingReason: 'create' });
  });

  it('ignores a paid invoice that belongs to no subscription', () => {
    expect(toParsedWebhook(event('invoice.paid', invoice({ parent: null })))).toMatchObject({ ignored: true });
    expect(toParsedWebhook(event('invoice.payment_failed', invoice({ parent: { type: 'quote_details', quote_details: {}, subscription_details: null } })))).toMatchObject({ ignored: true });
  });

  it('reads a failed renewal with a stable reason code and when Stripe tries again', () => {
    const failed = toParsedWebhook(event('invoice.payment_failed', invoice({
      billing_reason: 'subscription_cycle', amount_paid: 0, next_payment_attempt: 1_764_800_000,
      last_finalization_error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
    })));
    expect(failed).toMatchObject({
      event: {
        kind: 'subscription.payment_failed', providerObjectId: 'in_1', amountMinor: 2900, reasonCode: 'insufficient_funds', reason: 'Your card has insufficient funds.',
        subscription: { subscriptionId: ours, providerSubscriptionId: 'sub_1', nextAttemptAt: iso(1_764_800_000) },
      },
    });
    const lastTry = toParsedWebhook(event('invoice.payment_failed', invoice({ last_finalization_error: { decline_code: 'card 4242 4242 4242 4242 declined' } })));
    expect(lastTry).toMatchObject({ event: { reasonCode: 'payment_failed' } });
    expect(subscriptionOf(lastTry)).not.toHaveProperty('nextAttemptAt');
  });

  it.each([
    ['active', 'active'], ['trialing', 'active'], ['past_due', 'past_due'], ['unpaid', 'past_due'], ['canceled', 'ended'], ['incomplete_expired', 'ended'],
  ])('reads an updated subscription in status %s as %s', (stripeStatus, status) => {
    const parsed = toParsedWebhook(event('customer.subscription.updated', subscription({ status: stripeStatus })));
    expect(parsed).toMatchObject({
      event: {
        kind: 'subscription.status_reported', providerObjectId: 'sub_1', orderId: null, amountMinor: null,
        subscription: { subscriptionId: ours, providerSubscriptionId: 'sub_1', status, cancelAtPeriodEnd: false, currentPeriodEnd: iso(periodEnd) },
      },
    });
  });

  it('reports a cancel at period end as still active, ending with its current period', () => {
    const parsed = toParsedWebhook(event('customer.subscription.updated', subscription({ cancel_at_period_end: true })));
    expect(subscriptionOf(parsed)).toEqual({ subscriptionId: ours, providerSubscriptionId: 'sub_1', status: 'active', cancelAtPeriodEnd: true, currentPeriodEnd: iso(periodEnd) });
  });

  it('does not report the statuses before the first payment or a pause', () => {
    for (const status of ['incomplete', 'paused']) {
      expect(toParsedWebhook(event('customer.subscription.updated', subscription({ status })))).toMatchObject({ ignored: true });
    }
  });

  it('reads a deleted subscription as ended, with the cancellation reason as the end reason', () => {
    const parsed = toParsedWebhook(event('customer.subscription.deleted', subscription({
      status: 'canceled', cancellation_details: { reason: 'payment_failed', comment: 'call me at 9876543210' },
    })));
    expect(subscriptionOf(parsed)).toMatchObject({ status: 'ended', endReason: 'payment_failed' });
    const noReason = toParsedWebhook(event('customer.subscription.deleted', subscription({ status: 'canceled', cancellation_details: null })));
    expect(subscriptionOf(noReason)).toMatchObject({ status: 'ended', endReason: 'canceled' });
  });

  describe('refuses, as an unreadable event, a subscription event it cannot attribute or read', () => {
    const refused = (type: string, object: Record<string, unknown>) => () => toParsedWebhook(event(type, object));

    it('without our subscription id', () => {
      const withoutOurs = { type: 'subscription_details', subscription_details: { subscription: 'sub_1', metadata: { user_id: 'user-1' } } };
      expect(refused('invoice.paid', invoice({ parent: withoutOurs }))).toThrow(expect.objectContaining({
        name: 'WebhookPayloadError', code: 'WEBHOOK.MISSING_FIELD', message: 'the webhook has no data.object.parent.subscription_details.metadata.subscription_id',
      }));
      expect(refused('invoice.payment_failed', invoice({ parent: { subscription_details: { subscription: 'sub_1', metadata: null } } }))).toThrow(/subscription_id/);
      expect(refused('customer.subscription.updated', subscription({ metadata: {} }))).toThrow(/data\.object\.metadata\.subscription_id/);
      expect(refused('customer.subscription.deleted', subscription({ metadata: undefined }))).toThrow(/data\.object\.metadata\.subscription_id/);
    });

    it('with fields of the wrong type', () => {
      expect(refused('invoice.paid', invoice({ parent: { subscription_details: { subscription: null, metadata: { subscription_id: ours } } } }))).toThrow(/parent\.subscription_details\.subscription/);
      expect(refused('invoice.paid', invoice({ amount_paid: 29.0001 }))).toThrow(/amount_paid is not a whole number/);
      expect(refused('invoice.paid', invoice({ lines: { data: [{ period: { start: '2026-12-01', end: periodEnd } }] } }))).toThrow(/period\.start is not a time in Unix seconds/);
      expect(refused('customer.subscription.updated', subscription({ metadata: { subscription_id: 'x y' } }))).toThrow(expect.objectContaining({ code: 'WEBHOOK.INVALID_FIELD' }));
      expect(refused('customer.subscription.updated', subscription({ cancel_at_period_end: 'yes' }))).toThrow(/cancel_at_period_end is not true or false/);
      expect(refused('customer.subscription.updated', subscription({ status: undefined }))).toThrow(/data\.object\.status/);
      expect(refused('customer.subscription.updated', subscription({ items: { data: [{ current_period_end: -5 }] } }))).toThrow(/current_period_end/);
    });

    it('with a status name that is an object key, never a status', () => {
      expect(toParsedWebhook(event('customer.subscription.updated', subscription({ status: 'constructor' })))).toMatchObject({ ignored: true });
    });
  });
});
