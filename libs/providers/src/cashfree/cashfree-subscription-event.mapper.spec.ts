import type { CashfreeWebhookEnvelope } from './cashfree-api.types';
import { toParsedWebhook } from './cashfree-event.mapper';
import { cashfreeTime } from './cashfree-time';

const receivedAt = new Date('2026-12-02T10:00:00.000Z');
const ours = '5b0e6c8a-3f7d-4a1e-9c2b-7d8e9f0a1b2c';
const webhook = (type: string, data: Record<string, unknown>): CashfreeWebhookEnvelope =>
  ({ type, event_time: '2026-12-02T15:30:00+05:30', data }) as unknown as CashfreeWebhookEnvelope;
const parse = (envelope: CashfreeWebhookEnvelope) => toParsedWebhook(envelope, Buffer.from(JSON.stringify(envelope)), receivedAt);
const charge = (fields: Record<string, unknown> = {}) => ({
  payment_id: 'pay_1', cf_payment_id: 77001, subscription_id: ours, cf_subscription_id: 2363, payment_type: 'CHARGE', payment_amount: 942.82,
  payment_currency: 'INR', payment_status: 'SUCCESS', payment_initiated_date: '2026-12-02', retry_attempts: 0, ...fields,
});
const statusChange = (status: string, fields: Record<string, unknown> = {}) => ({
  subscription_details: { cf_subscription_id: 2363, subscription_id: ours, subscription_status: status, next_schedule_date: '2027-01-02 10:00:00', ...fields },
  plan_details: { plan_id: 'plan-pro-monthly_INR_94282_MONTH' },
});
const subscriptionOf = (parsed: ReturnType<typeof parse>) => ('event' in parsed ? parsed.event.subscription : undefined);

describe('Cashfree subscription webhooks in neutral terms', () => {
  it('reads a successful charge as a paid period of our subscription, in paise, with an event id derived from the charge', () => {
    expect(parse(webhook('SUBSCRIPTION_PAYMENT_SUCCESS', charge()))).toEqual({
      accepted: true, providerEventId: 'SUBSCRIPTION_PAYMENT_SUCCESS:77001:SUCCESS', providerType: 'SUBSCRIPTION_PAYMENT_SUCCESS',
      event: {
        kind: 'subscription.payment_succeeded', provider: 'cashfree', providerEventId: 'SUBSCRIPTION_PAYMENT_SUCCESS:77001:SUCCESS', providerObjectId: '77001',
        orderId: null, amountMinor: 94282, currency: 'INR', occurredAt: '2026-12-02T10:00:00.000Z', providerType: 'SUBSCRIPTION_PAYMENT_SUCCESS',
        subscription: { subscriptionId: ours, providerSubscriptionId: ours, billingReason: 'cycle' },
      },
    });
  });

  it('reads a 2023-08-01 charge, which names no currency, as INR', () => {
    expect(parse(webhook('SUBSCRIPTION_PAYMENT_SUCCESS', charge({ payment_currency: undefined, payment_type: 'DEBIT_CARD' })))).toMatchObject({
      event: { amountMinor: 94282, currency: 'INR' },
    });
  });

  it('ignores the mandate’s authorization, which is no period’s charge, and SUBSCRIPTION_AUTH_STATUS', () => {
    expect(parse(webhook('SUBSCRIPTION_PAYMENT_SUCCESS', charge({ payment_type: 'AUTH', payment_amount: 1 })))).toMatchObject({ ignored: true });
    expect(parse(webhook('SUBSCRIPTION_AUTH_STATUS', charge({ payment_type: 'AUTH' })))).toMatchObject({ ignored: true, providerType: 'SUBSCRIPTION_AUTH_STATUS' });
  });

  it('reads a failed charge with a stable reason code, and gives each retry its own event id', () => {
    const first = parse(webhook('SUBSCRIPTION_PAYMENT_FAILED', charge({ payment_status: 'FAILED', failure_details: { failure_reason: 'INSUFFICIENT_FUNDS' } })));
    const retried = parse(webhook('SUBSCRIPTION_PAYMENT_FAILED', charge({ payment_status: 'FAILED', retry_attempts: 2, failureDetails: { failureReason: 'Account 9876543210 blocked' } })));
    expect(first).toMatchObject({
      providerEventId: 'SUBSCRIPTION_PAYMENT_FAILED:77001:FAILED',
      event: { kind: 'subscription.payment_failed', reasonCode: 'insufficient_funds', subscription: { subscriptionId: ours } },
    });
    expect(retried).toMatchObject({ providerEventId: 'SUBSCRIPTION_PAYMENT_FAILED:77001:FAILED:retry-2', event: { reasonCode: 'payment_failed' } });
    expect(subscriptionOf(first)).not.toHaveProperty('billingReason');
  });

  it('reports an amount it cannot read exactly as null rather than rounding it', () => {
    expect(parse(webhook('SUBSCRIPTION_PAYMENT_SUCCESS', charge({ payment_amount: 942.825 })))).toMatchObject({
      event: { amountMinor: null, reason: expect.stringMatching(/payment_amount 942.825 INR is not a valid amount/) },
    });
  });

  it.each([
    ['ACTIVE', 'active'], ['ON_HOLD', 'past_due'], ['CANCELLED', 'ended'], ['CUSTOMER_CANCELLED', 'ended'], ['COMPLETED', 'ended'],
    ['EXPIRED', 'ended'], ['LINK_EXPIRED', 'ended'], ['CARD_EXPIRED', 'ended'],
  ])('reads status %s as %s, under both spellings of the status webhook', (cashfreeStatus, status) => {
    for (const type of ['SUBSCRIPTION_STATUS_CHANGED', 'SUBSCRIPTION_STATUS_CHANGE']) {
      expect(parse(webhook(type, statusChange(cashfreeStatus)))).toMatchObject({
        providerEventId: expect.stringMatching(new RegExp(`^${type}:${ours}:${cashfreeStatus}:[0-9a-f]{16}$`)),
        event: { kind: 'subscription.status_reported', providerObjectId: ours, orderId: null, subscription: { subscriptionId: ours, status, cancelAtPeriodEnd: false } },
      });
    }
  });

  it('names the paid period’s end (the next charge, IST) while running, and why it ended once ended', () => {
    expect(subscriptionOf(parse(webhook('SUBSCRIPTION_STATUS_CHANGED', statusChange('ACTIVE'))))).toEqual({
      subscriptionId: ours, providerSubscriptionId: ours, status: 'active', cancelAtPeriodEnd: false, currentPeriodEnd: '2027-01-02T04:30:00.000Z',
    });
    expect(subscriptionOf(parse(webhook('SUBSCRIPTION_STATUS_CHANGED', statusChange('CUSTOMER_CANCELLED'))))).toEqual({
      subscriptionId: ours, providerSubscriptionId: ours, status: 'ended', cancelAtPeriodEnd: false, endReason: 'customer_cancelled',
    });
  });

  it('tells a return to ACTIVE after ON_HOLD from the first ACTIVE, and a redelivery from neither', () => {
    const firstActive = parse(webhook('SUBSCRIPTION_STATUS_CHANGED', statusChange('ACTIVE')));
    const again = parse(webhook('SUBSCRIPTION_STATUS_CHANGED', statusChange('ACTIVE')));
    const recovered = parse(webhook('SUBSCRIPTION_STATUS_CHANGED', statusChange('ACTIVE', { next_schedule_date: '2027-02-02 10:00:00' })));
    expect(again.providerEventId).toBe(firstActive.providerEventId);
    expect(recovered.providerEventId).not.toBe(firstActive.providerEventId);
  });

  it('does not report the statuses before the mandate is active, or a pause', () => {
    for (const status of ['INITIALIZED', 'BANK_APPROVAL_PENDING', 'PAUSED', 'CUSTOMER_PAUSED', 'hasOwnProperty']) {
      expect(parse(webhook('SUBSCRIPTION_STATUS_CHANGED', statusChange(status)))).toMatchObject({ ignored: true });
    }
  });

  it('refuses, as unreadable, a subscription webhook without our subscription id or its status', () => {
    const refused = (type: string, data: Record<string, unknown>) => () => parse(webhook(type, data));
    expect(refused('SUBSCRIPTION_PAYMENT_SUCCESS', charge({ subscription_id: undefined }))).toThrow(expect.objectContaining({
      name: 'WebhookPayloadError', code: 'WEBHOOK.MISSING_FIELD', message: 'the webhook has no data.subscription_id',
    }));
    expect(refused('SUBSCRIPTION_PAYMENT_FAILED', charge({ cf_payment_id: null, payment_id: null }))).toThrow(/data\.cf_payment_id/);
    expect(refused('SUBSCRIPTION_PAYMENT_SUCCESS', charge({ payment_status: { nested: true } }))).toThrow(expect.objectContaining({ code: 'WEBHOOK.INVALID_FIELD' }));
    expect(refused('SUBSCRIPTION_PAYMENT_SUCCESS', charge({ payment_currency: 'rupees' }))).toThrow(/payment_currency/);
    expect(refused('SUBSCRIPTION_STATUS_CHANGED', statusChange('ACTIVE', { subscription_id: '' }))).toThrow(/data\.subscription_details\.subscription_id/);
    expect(refused('SUBSCRIPTION_STATUS_CHANGED', { subscription_details: null })).toThrow(/data\.subscription_details/);
    expect(refused('SUBSCRIPTION_STATUS_CHANGE', statusChange('ACTIVE', { subscription_status: 42.5 }))).toThrow(/subscription_status/);
  });
});

describe('Cashfree times', () => {
  it.each([
    ['2027-01-02', '2027-01-01T18:30:00.000Z'],
    ['2027-01-02 10:00:00', '2027-01-02T04:30:00.000Z'],
    ['2027-01-02T10:00', '2027-01-02T04:30:00.000Z'],
    ['2027-01-02T10:00:00+05:30', '2027-01-02T04:30:00.000Z'],
    ['2027-01-02T10:00:00Z', '2027-01-02T10:00:00.000Z'],
  ])('read %s as %s (IST unless a zone is given)', (text, iso) => {
    expect(cashfreeTime(text)).toBe(iso);
  });

  it.each([['tomorrow'], ['2027-13-45'], [''], [1_767_268_400], [null]])('give nothing for %p', (value) => {
    expect(cashfreeTime(value)).toBeUndefined();
  });
});
