import { recordingSandbox } from '../stripe/stripe-services.fixture';
import { CheckoutSessions } from '../stripe/checkout-sessions.service';
import { PaymentIntents } from '../stripe/payment-intents.service';
import { checkoutSubscriptionStarter } from './checkout-subscription.starter';
import { StripeCatalog } from './stripe-catalog.service';
import { StripeSubscriptions } from './stripe-subscriptions.service';
import { TestClocks } from './test-clocks.service';

const byCustomer = { request: { id: null, idempotency_key: null } };
const at = (iso: string) => Date.parse(iso) / 1000;

function setUp() {
  const sandbox = recordingSandbox('2026-01-31T09:00:00Z');
  const catalog = new StripeCatalog(sandbox.runtime);
  const clocks = new TestClocks(sandbox.runtime);
  const subscriptions = new StripeSubscriptions(sandbox.runtime, sandbox.publisher, catalog, clocks);
  const sessions = new CheckoutSessions(sandbox.runtime, new PaymentIntents(sandbox.runtime, sandbox.publisher), sandbox.publisher, checkoutSubscriptionStarter(subscriptions, catalog));
  const created = catalog.createPrice({
    currency: 'usd', unitAmount: 1900, recurrence: { interval: 'month', intervalCount: 1 }, product: { data: { name: 'Pro', description: null, metadata: {} } },
    lookupKey: null, nickname: null, metadata: {}, active: true,
  });
  if (!created.ok) throw new Error('no price');
  const session = sessions.create({
    mode: 'subscription', currency: 'usd', lineItems: [{ name: 'Pro', unitAmount: 1900, quantity: 1, recurring: { interval: 'month', intervalCount: 1 } }],
    successUrl: 'https://shop.example/ok', cancelUrl: null, clientReferenceId: 'user-1', customerEmail: 'ada@example.com', metadata: {},
    paymentIntentData: { metadata: {}, description: null, receiptEmail: null }, subscriptionData: { metadata: { subscription_id: 'ours-1' } },
    expiresAt: null, subscriptionPriceId: created.price.id,
  }, 'http://127.0.0.1:4010');
  return { ...sandbox, subscriptions, sessions, session };
}

describe('Stripe subscriptions in the sandbox', () => {
  it('completes a subscription-mode session without a PaymentIntent: the subscription and its paid invoice first, then checkout.session.completed', () => {
    const { sessions, session, published } = setUp();
    const outcome = sessions.pay(session.id, byCustomer);
    expect(outcome).toMatchObject({ ok: true, intent: null, session: { status: 'complete', payment_status: 'paid', subscription: expect.stringMatching(/^sub_/) } });
    expect(published.map((event) => event.type)).toEqual(['customer.subscription.created', 'invoice.paid', 'invoice.payment_succeeded', 'checkout.session.completed']);
    expect(published[0].object).toMatchObject({ status: 'active', metadata: { subscription_id: 'ours-1' }, latest_invoice: published[1].object.id });
  });

  it('renews twice when one advance passes two period ends, each period counted from the anchor on the 31st', () => {
    const { sessions, session, subscriptions, published } = setUp();
    sessions.pay(session.id, byCustomer);
    const subscription = subscriptions.list()[0];
    expect(subscriptions.advanceClock(subscription.testClockId, at('2026-03-31T09:00:00Z'))).toMatchObject({ ok: true });
    const renewals = published.filter((event) => event.type === 'customer.subscription.updated');
    expect(renewals.map((event) => (event.object.items as { data: { current_period_end: number }[] }).data[0].current_period_end))
      .toEqual([at('2026-03-31T09:00:00Z'), at('2026-04-30T09:00:00Z')]);
    expect(renewals[0].previousAttributes).toMatchObject({ items: { data: [{ current_period_end: at('2026-02-28T09:00:00Z') }] }, latest_invoice: published[1].object.id });
    expect(subscriptions.listInvoices({ subscription: subscription.id }).map((invoice) => invoice.number)).toEqual([
      expect.stringMatching(/-0003$/), expect.stringMatching(/-0002$/), expect.stringMatching(/-0001$/),
    ]);
  });

  it('sends no event for an update that changes nothing, and one with the old values for a scheduled cancellation', () => {
    const { sessions, session, subscriptions, published } = setUp();
    sessions.pay(session.id, byCustomer);
    const { id } = subscriptions.list()[0];
    const before = published.length;
    subscriptions.update(id, { cancelAtPeriodEnd: false }, byCustomer);
    expect(published).toHaveLength(before);
    subscriptions.update(id, { cancelAtPeriodEnd: true }, byCustomer);
    expect(published.at(-1)).toMatchObject({
      type: 'customer.subscription.updated', previousAttributes: { cancel_at_period_end: false, cancel_at: null, canceled_at: null },
    });
  });
});
