import { parseCreatePlan, parseCreateSubscription, parseManage } from './cashfree-subscription.params';

const plan = {
  plan_id: 'plan-pro-monthly', plan_name: 'Pro monthly', plan_type: 'PERIODIC', plan_currency: 'INR', plan_recurring_amount: 499, plan_max_amount: 999,
  plan_intervals: 1, plan_interval_type: 'MONTH',
};
const subscription = {
  subscription_id: 'sub-1', customer_details: { customer_email: 'ada@example.com', customer_phone: '9999999999' }, plan_details: { plan_id: 'plan-pro-monthly' },
  authorization_details: { authorization_amount: 1, payment_methods: ['upi', 'card'] }, subscription_meta: { return_url: 'https://shop.example/ok' },
};
const codeOf = (result: { ok: boolean; error?: { body: unknown } }) => (result.ok ? undefined : (result.error?.body as { code: string }).code);

describe('Cashfree subscription request bodies', () => {
  it('reads a PERIODIC plan in paise', () => {
    expect(parseCreatePlan(plan)).toMatchObject({ ok: true, params: { planId: 'plan-pro-monthly', recurringAmountMinor: 49900, maxAmountMinor: 99900, intervals: 1, intervalType: 'MONTH', maxCycles: null } });
  });

  it.each([
    ['an ON_DEMAND plan', { plan_type: 'ON_DEMAND' }, 'plan_type_invalid'],
    ['a plan in USD', { plan_currency: 'USD' }, 'plan_currency_invalid'],
    ['a fortnightly interval type', { plan_interval_type: 'FORTNIGHT' }, 'plan_interval_type_invalid'],
    ['a maximum below the recurring amount', { plan_max_amount: 100 }, 'plan_max_amount_invalid'],
    ['no plan id', { plan_id: undefined }, 'plan_id_missing'],
  ])('refuses %s', (_, change, code) => {
    expect(codeOf(parseCreatePlan({ ...plan, ...change }))).toBe(code);
  });

  it('reads a subscription on an existing plan, with the mandate methods it allows', () => {
    expect(parseCreateSubscription(subscription)).toMatchObject({
      ok: true, params: { subscriptionId: 'sub-1', plan: { planId: 'plan-pro-monthly' }, paymentMethods: ['upi', 'card'], authorizationAmountMinor: 100, returnUrl: 'https://shop.example/ok' },
    });
  });

  it('reads an inline plan, and refuses unknown mandate methods and a missing phone', () => {
    const inline = { ...subscription, plan_details: { plan_name: 'Inline', plan_type: 'PERIODIC', plan_amount: 99, plan_max_amount: 99, plan_interval_type: 'WEEK' } };
    expect(parseCreateSubscription(inline)).toMatchObject({ ok: true, params: { plan: { inline: { recurringAmountMinor: 9900, intervalType: 'WEEK' } } } });
    expect(codeOf(parseCreateSubscription({ ...subscription, authorization_details: { payment_methods: ['wallet'] } }))).toBe('authorization_details.payment_methods_invalid');
    expect(codeOf(parseCreateSubscription({ ...subscription, customer_details: { customer_email: 'ada@example.com' } }))).toBe('customer_details.customer_phone_missing');
  });

  it('reads the manage actions the sandbox serves', () => {
    expect(parseManage({ subscription_id: 'sub-1', action: 'CANCEL' }, 'sub-1')).toEqual({ ok: true, params: 'CANCEL' });
    expect(codeOf(parseManage({ action: 'CHANGE_PLAN' }, 'sub-1'))).toBe('action_invalid');
    expect(codeOf(parseManage({ subscription_id: 'other', action: 'PAUSE' }, 'sub-1'))).toBe('subscription_id_invalid');
  });
});
