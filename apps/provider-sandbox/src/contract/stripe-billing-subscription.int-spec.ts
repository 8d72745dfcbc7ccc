import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { stripeHarness } from './stripe-harness.fixture';
import { controlCall } from './stripe-sandbox-calls.fixture';
import { emittedTypes, renewalOutcome, stripeSdkFor, verifiedEvent } from './stripe-billing.fixture';

const itemPeriod = (subscription: Stripe.Subscription) =>
  ({ start: subscription.items.data[0].current_period_start, end: subscription.items.data[0].current_period_end });
const PAID_RENEWAL = ['invoice.paid', 'invoice.payment_succeeded', 'customer.subscription.updated'];

describe('Stripe Billing through the official SDK and the sandbox: subscribe, renew, fail, recover, cancel at period end', () => {
  const stripe = stripeHarness();
  let sdk: Stripe;
  beforeAll(() => {
    sdk = stripeSdkFor(stripe.sandbox);
  });

  const subscribe = async (ours: string, price: Stripe.Price) => {
    const params: Stripe.Checkout.SessionCreateParams = {
      mode: 'subscription', line_items: [{ price: price.id, quantity: 1 }], client_reference_id: 'user-7', customer_email: 'ada@example.com',
      subscription_data: { metadata: { subscription_id: ours, user_id: 'user-7' } }, metadata: { subscription_id: ours },
      success_url: 'https://shop.example/subscribed?session={CHECKOUT_SESSION_ID}', cancel_url: 'https://shop.example/plans',
    };
    const session = await sdk.checkout.sessions.create(params, { idempotencyKey: `subscribe-${ours}` });
    expect((await sdk.checkout.sessions.create(params, { idempotencyKey: `subscribe-${ours}` })).id).toBe(session.id);
    const page = await (await fetch(session.url as string)).text();
    expect(page).toMatch(/every \d+ (month|year)\(s\)/);
    expect((await controlCall(stripe.sandbox, `/_sandbox/stripe/checkout_sessions/${session.id}/pay`)).status).toBe(200);
    return sdk.checkout.sessions.retrieve(session.id);
  };

  it('runs a monthly plan from checkout through two renewals, a failed renewal and its recovery, to its end at period end', async () => {
    const ours = `sub-${randomUUID()}`;
    const price = await sdk.prices.create({
      currency: 'usd', unit_amount: 1900, recurring: { interval: 'month' }, product_data: { name: 'Pro monthly' }, lookup_key: `plan-pro-monthly-${ours}`,
    });
    expect(price).toMatchObject({ type: 'recurring', recurring: { interval: 'month', interval_count: 1 }, unit_amount: 1900, active: true });
    expect((await sdk.prices.list({ lookup_keys: [`plan-pro-monthly-${ours}`] })).data.map((found) => found.id)).toEqual([price.id]);

    const session = await subscribe(ours, price);
    expect(session).toMatchObject({ mode: 'subscription', status: 'complete', payment_status: 'paid', payment_intent: null, client_reference_id: 'user-7' });
    const subscriptionId = session.subscription as string;
    const created = await sdk.subscriptions.retrieve(subscriptionId);
    expect(created).toMatchObject({
      status: 'active', customer: session.customer, latest_invoice: session.invoice, cancel_at_period_end: false,
      metadata: { subscription_id: ours, user_id: 'user-7' }, test_clock: expect.stringMatching(/^clock_/),
    });
    expect('current_period_end' in created).toBe(false);
    const first = itemPeriod(created);
    expect(first.start).toBe(created.start_date);

    const completed = await verifiedEvent(sdk, stripe.receiver, session.id, 'checkout.session.completed');
    expect(completed.data.object).toMatchObject({ subscription: subscriptionId, invoice: session.invoice, payment_status: 'paid', mode: 'subscription' });
    const subscriptionCreated = await verifiedEvent(sdk, stripe.receiver, subscriptionId, 'customer.subscription.created');
    expect(subscriptionCreated.data.object).toMatchObject({ status: 'active', metadata: { subscription_id: ours } });
    const firstPaid = (await verifiedEvent(sdk, stripe.receiver, session.invoice as string, 'invoice.paid')).data.object as Stripe.Invoice;
    expect(firstPaid).toMatchObject({
      billing_reason: 'subscription_create', status: 'paid', amount_paid: 1900, currency: 'usd', customer: session.customer,
      parent: { type: 'subscription_details', subscription_details: { subscription: subscriptionId, metadata: { subscription_id: ours, user_id: 'user-7' } } },
    });
    expect('subscription' in firstPaid).toBe(false);
    expect(firstPaid.lines.data[0]).toMatchObject({ period: first, parent: { subscription_item_details: { subscription: subscriptionId } } });
    const expanded = await sdk.invoices.retrieve(session.invoice as string, { expand: ['payments'] });
    expect(expanded.payments?.data[0]).toMatchObject({ status: 'paid', amount_paid: 1900, payment: { type: 'payment_intent' } });
    expect(await emittedTypes(stripe.sandbox, subscriptionId)).toEqual([
      'customer.subscription.created', 'invoice.paid', 'invoice.payment_succeeded', 'checkout.session.completed',
    ]);

    const clockId = created.test_clock as string;
    let period = first;
    for (const renewal of [1, 2]) {
      const clock = await sdk.testHelpers.testClocks.advance(clockId, { frozen_time: period.end });
      expect(clock).toMatchObject({ frozen_time: period.end, status: 'ready' });
      const updated = await verifiedEvent(sdk, stripe.receiver, subscriptionId, 'customer.subscription.updated', renewal - 1);
      const renewed = updated.data.object as Stripe.Subscription;
      expect(itemPeriod(renewed).start).toBe(period.end);
      expect(updated.data.previous_attributes).toMatchObject({ items: { data: [{ current_period_start: period.start, current_period_end: period.end }] } });
      const invoice = (await verifiedEvent(sdk, stripe.receiver, renewed.latest_invoice as string, 'invoice.paid')).data.object as Stripe.Invoice;
      expect(invoice).toMatchObject({ billing_reason: 'subscription_cycle', status: 'paid', amount_paid: 1900, attempt_count: 1 });
      expect(invoice.lines.data[0].period).toEqual(itemPeriod(renewed));
      period = itemPeriod(renewed);
    }

    await renewalOutcome(stripe.sandbox, subscriptionId, 'fail');
    await sdk.testHelpers.testClocks.advance(clockId, { frozen_time: period.end });
    const pastDue = await sdk.subscriptions.retrieve(subscriptionId);
    expect(pastDue.status).toBe('past_due');
    const failed = (await verifiedEvent(sdk, stripe.receiver, pastDue.latest_invoice as string, 'invoice.payment_failed')).data.object as Stripe.Invoice;
    expect(failed).toMatchObject({ billing_reason: 'subscription_cycle', status: 'open', attempt_count: 1, amount_paid: 0, amount_remaining: 1900 });
    expect(failed.next_payment_attempt).toBe(period.end + 3 * 86_400);
    const toPastDue = await verifiedEvent(sdk, stripe.receiver, subscriptionId, 'customer.subscription.updated', 2);
    expect(toPastDue.data).toMatchObject({ object: { status: 'past_due' }, previous_attributes: { status: 'active' } });

    await renewalOutcome(stripe.sandbox, subscriptionId, 'pay');
    await sdk.testHelpers.testClocks.advance(clockId, { frozen_time: failed.next_payment_attempt as number });
    const recovered = (await verifiedEvent(sdk, stripe.receiver, failed.id, 'invoice.paid')).data.object as Stripe.Invoice;
    expect(recovered).toMatchObject({ status: 'paid', attempt_count: 2, next_payment_attempt: null });
    const toActive = await verifiedEvent(sdk, stripe.receiver, subscriptionId, 'customer.subscription.updated', 3);
    expect(toActive.data).toMatchObject({ object: { status: 'active' }, previous_attributes: { status: 'past_due' } });
    period = itemPeriod(toActive.data.object as Stripe.Subscription);

    const canceling = await sdk.subscriptions.update(subscriptionId, { cancel_at_period_end: true });
    expect(canceling).toMatchObject({ status: 'active', cancel_at_period_end: true, cancel_at: period.end });
    const scheduled = await verifiedEvent(sdk, stripe.receiver, subscriptionId, 'customer.subscription.updated', 4);
    expect(scheduled.data.previous_attributes).toMatchObject({ cancel_at_period_end: false, cancel_at: null });
    await sdk.testHelpers.testClocks.advance(clockId, { frozen_time: period.end + 60 });
    const deleted = await verifiedEvent(sdk, stripe.receiver, subscriptionId, 'customer.subscription.deleted');
    expect(deleted.data.object).toMatchObject({ status: 'canceled', ended_at: period.end, cancellation_details: { reason: 'cancellation_requested' } });
    expect((await sdk.invoices.list({ subscription: subscriptionId })).data.map((invoice) => invoice.billing_reason))
      .toEqual(['subscription_cycle', 'subscription_cycle', 'subscription_cycle', 'subscription_create']);

    expect((await emittedTypes(stripe.sandbox, subscriptionId)).slice(4)).toEqual([
      ...PAID_RENEWAL, ...PAID_RENEWAL, 'invoice.payment_failed', 'customer.subscription.updated', ...PAID_RENEWAL,
      'customer.subscription.updated', 'customer.subscription.deleted',
    ]);
  });

  it('cancels a subscription for payment_failed after its third failed attempt, and refuses clock moves Stripe refuses', async () => {
    const price = await sdk.prices.create({ currency: 'usd', unit_amount: 19000, recurring: { interval: 'year' }, product_data: { name: 'Pro yearly' } });
    const session = await subscribe(`sub-${randomUUID()}`, price);
    const subscription = await sdk.subscriptions.retrieve(session.subscription as string);
    const clockId = subscription.test_clock as string;
    const { end } = itemPeriod(subscription);

    const tooFar = await sdk.testHelpers.testClocks.advance(clockId, { frozen_time: end + 366 * 86_400 * 2 }).catch((error: unknown) => error);
    expect(tooFar).toMatchObject({ type: 'StripeInvalidRequestError', param: 'frozen_time', statusCode: 400 });
    const backwards = await sdk.testHelpers.testClocks.advance(clockId, { frozen_time: subscription.start_date }).catch((error: unknown) => error);
    expect(backwards).toMatchObject({ type: 'StripeInvalidRequestError', param: 'frozen_time' });

    await renewalOutcome(stripe.sandbox, subscription.id, 'fail');
    await sdk.testHelpers.testClocks.advance(clockId, { frozen_time: end + 30 * 86_400 });
    const canceled = await sdk.subscriptions.retrieve(subscription.id);
    expect(canceled).toMatchObject({ status: 'canceled', ended_at: end + 8 * 86_400, cancellation_details: { reason: 'payment_failed' } });
    const [open] = (await sdk.invoices.list({ subscription: subscription.id, status: 'open' })).data;
    expect(open).toMatchObject({ attempt_count: 3, next_payment_attempt: null, amount_remaining: 19000 });
    expect((await emittedTypes(stripe.sandbox, subscription.id)).slice(4)).toEqual([
      'invoice.payment_failed', 'customer.subscription.updated', 'invoice.payment_failed', 'invoice.payment_failed', 'customer.subscription.deleted',
    ]);
  });

  it('cancels at once through the SDK, sending customer.subscription.deleted, and refuses to schedule a cancellation afterwards', async () => {
    const session = await subscribe(`sub-${randomUUID()}`, await sdk.prices.create({
      currency: 'inr', unit_amount: 49900, recurring: { interval: 'month', interval_count: 3 }, product_data: { name: 'Quarterly' },
    }));
    const canceled = await sdk.subscriptions.cancel(session.subscription as string);
    expect(canceled).toMatchObject({ status: 'canceled', ended_at: canceled.canceled_at, cancellation_details: { reason: 'cancellation_requested' } });
    await verifiedEvent(sdk, stripe.receiver, canceled.id, 'customer.subscription.deleted');
    await expect(sdk.subscriptions.update(canceled.id, { cancel_at_period_end: true })).rejects.toMatchObject({ type: 'StripeInvalidRequestError' });
    await expect(sdk.subscriptions.retrieve('sub_missing')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('subscribes with inline price_data, creating an inactive recurring price, and keeps a declined card’s session open without events', async () => {
    const session = await sdk.checkout.sessions.create({
      mode: 'subscription', success_url: 'https://shop.example/ok', subscription_data: { metadata: { subscription_id: 'inline-1' } },
      line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: 900, recurring: { interval: 'month' }, product_data: { name: 'Basic' } } }],
    });
    const declined = await controlCall<{ checkout_session: Stripe.Checkout.Session }>(stripe.sandbox, `/_sandbox/stripe/checkout_sessions/${session.id}/decline`);
    expect(declined.body.checkout_session).toMatchObject({ status: 'open', subscription: null });
    await controlCall(stripe.sandbox, `/_sandbox/stripe/checkout_sessions/${session.id}/pay`);
    const subscription = await sdk.subscriptions.retrieve((await sdk.checkout.sessions.retrieve(session.id)).subscription as string);
    expect(subscription.items.data[0].price).toMatchObject({ active: false, unit_amount: 900, recurring: { interval: 'month' } });
    await expect(sdk.checkout.sessions.create({
      mode: 'subscription', success_url: 'https://shop.example/ok', line_items: [{ price: 'price_missing', quantity: 1 }],
    })).rejects.toMatchObject({ statusCode: 404, param: 'line_items[0][price]' });
  });

  it('applies the faults given with renewal-outcome to the renewal’s webhooks: a duplicated invoice.paid, and one delivered after its successor', async () => {
    const session = await subscribe(`sub-${randomUUID()}`, await sdk.prices.create({
      currency: 'usd', unit_amount: 1900, recurring: { interval: 'month' }, product_data: { name: 'Pro monthly' },
    }));
    const subscription = await sdk.subscriptions.retrieve(session.subscription as string);
    await renewalOutcome(stripe.sandbox, subscription.id, 'pay', { duplicate: 2, reorder: true, reorderHoldMs: 300 });
    await sdk.testHelpers.testClocks.advance(subscription.test_clock as string, { frozen_time: itemPeriod(subscription).end });
    const renewed = await sdk.subscriptions.retrieve(subscription.id);
    const invoiceId = renewed.latest_invoice as string;
    const first = await verifiedEvent(sdk, stripe.receiver, invoiceId, 'invoice.paid');
    const copy = await verifiedEvent(sdk, stripe.receiver, invoiceId, 'invoice.paid', 1);
    expect(copy.id).toBe(first.id);
    await verifiedEvent(sdk, stripe.receiver, subscription.id, 'customer.subscription.updated');
    const arrival = (type: string, objectId: string) => stripe.receiver.received.findIndex((webhook) => webhook.json.type === type && webhook.json.data.object.id === objectId);
    expect(arrival('invoice.paid', invoiceId)).toBeGreaterThan(arrival('invoice.payment_succeeded', invoiceId));
  });
});
