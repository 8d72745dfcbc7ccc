import { CashfreeSubscriptionRecord, CashfreeSubscriptionStatus, SubscriptionPayment, nextScheduleDate, scheduleDate } from './cashfree-subscription';
import { CASHFREE_SUBSCRIPTION_TRANSITIONS, CashfreeSubscriptionCommand, decide } from './cashfree-subscription.decider';

const at = new Date('2026-01-31T04:30:00.000Z');
const plan = {
  planId: 'plan-pro-monthly', name: 'Pro monthly', type: 'PERIODIC', currency: 'INR', recurringAmountMinor: 49900, maxAmountMinor: 99900,
  maxCycles: 3, intervals: 1, intervalType: 'MONTH', note: null,
} as const;
const initialized: CashfreeSubscriptionRecord = {
  subscriptionId: 'sub-1', cfSubscriptionId: '1001', sessionId: 'sub_session_1', plan, customer: { name: null, email: 'ada@example.com', phone: '9999999999' },
  paymentMethods: ['upi', 'enach', 'card'], authorizationAmountMinor: 100, returnUrl: null, firstChargeTime: null, expiryTime: null, tags: null,
  createdAt: at, status: 'INITIALIZED', authorization: null, anchor: null, cyclesPaid: 0, payments: [],
};
const payment = (change: Partial<SubscriptionPayment> = {}): SubscriptionPayment => ({
  paymentId: 'pay-1', cfPaymentId: '2001', cfTxnId: '3001', type: 'CHARGE', amountMinor: 49900, method: 'upi', scheduleDate: at, initiatedDate: at,
  status: 'SUCCESS', failureReason: null, retryAttempts: 0, cycle: 0, ...change,
});
const authorize: CashfreeSubscriptionCommand = {
  type: 'Authorize', payment: payment({ type: 'AUTH', amountMinor: 100, cycle: null }),
  authorization: { status: 'ACTIVE', method: 'upi', reference: 'UMN1', at, paymentId: 'pay-auth' }, anchor: at,
};
const ok = (subscription: CashfreeSubscriptionRecord, command: CashfreeSubscriptionCommand) => {
  const decision = decide(subscription, command);
  if (!decision.ok) throw new Error(`refused ${command.type} in ${decision.status}`);
  return decision;
};
const active = ok(initialized, authorize).subscription;
const onHold = ok(active, { type: 'Charge', payment: payment({ status: 'FAILED', failureReason: 'INSUFFICIENT_FUNDS' }) }).subscription;

describe('the Cashfree subscription state machine', () => {
  it('activates on an approved mandate, sending SUBSCRIPTION_AUTH_STATUS and SUBSCRIPTION_STATUS_CHANGED, and anchors the schedule there', () => {
    const decision = ok(initialized, authorize);
    expect(decision.emits).toEqual(['SUBSCRIPTION_AUTH_STATUS', 'SUBSCRIPTION_STATUS_CHANGED']);
    expect(decision.subscription).toMatchObject({ status: 'ACTIVE', anchor: at, authorization: { reference: 'UMN1' } });
    expect(nextScheduleDate(decision.subscription)).toEqual(at);
  });

  it('stays INITIALIZED after a failed authorization, reporting it', () => {
    expect(ok(initialized, { type: 'FailAuthorization', payment: payment({ type: 'AUTH', status: 'FAILED' }) })).toMatchObject({
      emits: ['SUBSCRIPTION_AUTH_STATUS'], subscription: { status: 'INITIALIZED', anchor: null },
    });
  });

  it('pays cycle after cycle, moving the next schedule date a month on (31 January, 28 February, 31 March), then COMPLETED at the plan’s last cycle', () => {
    const first = ok(active, { type: 'Charge', payment: payment() });
    expect(first.emits).toEqual(['SUBSCRIPTION_PAYMENT_SUCCESS']);
    expect(nextScheduleDate(first.subscription)?.toISOString()).toBe('2026-02-28T04:30:00.000Z');
    const second = ok(first.subscription, { type: 'Charge', payment: payment({ cycle: 1 }) }).subscription;
    expect(nextScheduleDate(second)?.toISOString()).toBe('2026-03-31T04:30:00.000Z');
    const last = ok(second, { type: 'Charge', payment: payment({ cycle: 2 }) });
    expect(last).toMatchObject({ emits: ['SUBSCRIPTION_PAYMENT_SUCCESS', 'SUBSCRIPTION_STATUS_CHANGED'], subscription: { status: 'COMPLETED', cyclesPaid: 3 } });
    expect(nextScheduleDate(last.subscription)).toBeNull();
  });

  it('goes ON_HOLD when a charge fails, retries the same cycle, and is ACTIVE again once a retry pays', () => {
    expect(onHold).toMatchObject({ status: 'ON_HOLD', cyclesPaid: 0 });
    const again = ok(onHold, { type: 'Charge', payment: payment({ status: 'FAILED', retryAttempts: 1 }) });
    expect(again.emits).toEqual(['SUBSCRIPTION_PAYMENT_FAILED']);
    const recovered = ok(again.subscription, { type: 'Charge', payment: payment({ retryAttempts: 2 }) });
    expect(recovered).toMatchObject({ emits: ['SUBSCRIPTION_PAYMENT_SUCCESS', 'SUBSCRIPTION_STATUS_CHANGED'], subscription: { status: 'ACTIVE', cyclesPaid: 1 } });
    expect(recovered.subscription.payments.map((made) => made.status)).toEqual(['SUCCESS', 'FAILED', 'FAILED', 'SUCCESS']);
  });

  it('steps weeks and days, and years from 29 February to 28 February', () => {
    expect(scheduleDate(at, { intervals: 2, intervalType: 'WEEK' }, 1).toISOString()).toBe('2026-02-14T04:30:00.000Z');
    expect(scheduleDate(at, { intervals: 10, intervalType: 'DAY' }, 3).toISOString()).toBe('2026-03-02T04:30:00.000Z');
    expect(scheduleDate(new Date('2028-02-29T00:00:00Z'), { intervals: 1, intervalType: 'YEAR' }, 1).toISOString()).toBe('2029-02-28T00:00:00.000Z');
  });

  const states: Record<CashfreeSubscriptionStatus, CashfreeSubscriptionRecord> = {
    INITIALIZED: initialized, ACTIVE: active, ON_HOLD: onHold, PAUSED: { ...active, status: 'PAUSED' },
    CANCELLED: { ...active, status: 'CANCELLED' }, COMPLETED: { ...active, status: 'COMPLETED' },
  };
  const commands: CashfreeSubscriptionCommand[] = [
    authorize, { type: 'FailAuthorization', payment: payment({ type: 'AUTH', status: 'FAILED' }) }, { type: 'Charge', payment: payment() },
    { type: 'Cancel' }, { type: 'Pause' }, { type: 'Activate' },
  ];

  it.each(Object.entries(states).flatMap(([status, state]) => commands.map((command) => [status, command.type, state, command] as const)))(
    'in status %s, %s is accepted exactly when the transition table lists it', (status, type, state, command) => {
      const decision = decide(state, command);
      expect(decision.ok).toBe(CASHFREE_SUBSCRIPTION_TRANSITIONS[status as CashfreeSubscriptionStatus].includes(type));
      if (!decision.ok) expect(decision).toEqual({ ok: false, refused: type, status });
    });

  it('reports every status change of the merchant’s manage actions', () => {
    expect(ok(active, { type: 'Cancel' })).toMatchObject({ emits: ['SUBSCRIPTION_STATUS_CHANGED'], subscription: { status: 'CANCELLED' } });
    expect(ok(active, { type: 'Pause' })).toMatchObject({ emits: ['SUBSCRIPTION_STATUS_CHANGED'], subscription: { status: 'PAUSED' } });
    expect(ok(states.PAUSED, { type: 'Activate' })).toMatchObject({ emits: ['SUBSCRIPTION_STATUS_CHANGED'], subscription: { status: 'ACTIVE' } });
  });
});
