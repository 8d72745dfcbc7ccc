import { randomUUID } from 'node:crypto';
import { eventually } from '@payments/testing';
import { ReceivedWebhook, RunningSandbox, WebhookReceiver, startTestSandbox, startWebhookReceiver } from './sandbox-harness.fixture';
import { STRIPE_OPENAPI_SOURCE, StripeSchemaName, stripeSchemaViolations } from './stripe-openapi.fixture';
import { controlCall, paidPaymentIntent, paymentIntentForm, stripeCall } from './stripe-sandbox-calls.fixture';

/** Fails with every violation listed, and where the schema came from. */
function expectStripeShaped(name: StripeSchemaName, value: unknown): void {
  const violations = stripeSchemaViolations(name, value);
  if (violations.length > 0) throw new Error(`not a Stripe ${name} per ${STRIPE_OPENAPI_SOURCE}:\n${violations.join('\n')}`);
}

const sessionForm = (orderId: string) => [
  'mode=payment', 'line_items[0][quantity]=1', 'line_items[0][price_data][currency]=usd', 'line_items[0][price_data][unit_amount]=4999',
  'line_items[0][price_data][product_data][name]=Course', 'success_url=https://shop.example/paid', `metadata[order_id]=${orderId}`,
  `payment_intent_data[metadata][order_id]=${orderId}`, `client_reference_id=${orderId}`,
].join('&');

describe('the sandbox speaks Stripe’s dialect, as Stripe’s published OpenAPI description defines it', () => {
  let receiver: WebhookReceiver;
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    sandbox = await startTestSandbox({ webhookUrl: receiver.url });
  });

  afterAll(async () => {
    await sandbox?.stop();
    await receiver?.stop();
  });

  const deliveredEvent = (objectId: string, type: string): Promise<ReceivedWebhook> =>
    eventually(async () => receiver.deliveriesOf(objectId, type)[0], 15_000, `${type} of ${objectId}`);

  it('refuses an object with a field Stripe does not have, or a field of the wrong type, so the check can fail', async () => {
    const { body } = await stripeCall(sandbox, 'POST', '/v1/payment_intents', paymentIntentForm(`ord_${randomUUID()}`));
    expectStripeShaped('payment_intent', body);
    expect(stripeSchemaViolations('payment_intent', { ...body, amount_refunded: 0 })).toEqual([expect.stringMatching(/additional properties/)]);
    expect(stripeSchemaViolations('payment_intent', { ...body, amount: '4999' })).toEqual([expect.stringMatching(/\/amount must be integer/)]);
  });

  it('answers PaymentIntents as Stripe does, before and after they are paid', async () => {
    const id = await paidPaymentIntent(sandbox, `ord_${randomUUID()}`);
    expectStripeShaped('payment_intent', (await stripeCall(sandbox, 'GET', `/v1/payment_intents/${id}`)).body);
  });

  it('answers Checkout Sessions as Stripe does: open, complete and expired', async () => {
    const open = await stripeCall<{ id: string }>(sandbox, 'POST', '/v1/checkout/sessions', sessionForm(`ord_${randomUUID()}`));
    expect(open.status).toBe(200);
    expectStripeShaped('checkout.session', open.body);
    await controlCall(sandbox, `/_sandbox/stripe/checkout_sessions/${open.body.id}/pay`);
    expectStripeShaped('checkout.session', (await stripeCall(sandbox, 'GET', `/v1/checkout/sessions/${open.body.id}`)).body);
    const other = await stripeCall<{ id: string }>(sandbox, 'POST', '/v1/checkout/sessions', sessionForm(`ord_${randomUUID()}`));
    expectStripeShaped('checkout.session', (await stripeCall(sandbox, 'POST', `/v1/checkout/sessions/${other.body.id}/expire`, '')).body);
  });

  it('answers subscription-mode Checkout Sessions as Stripe does, open and complete with their subscription, invoice and customer', async () => {
    const form = [
      'mode=subscription', 'line_items[0][quantity]=1', 'line_items[0][price_data][currency]=usd', 'line_items[0][price_data][unit_amount]=1900',
      'line_items[0][price_data][recurring][interval]=month', 'line_items[0][price_data][product_data][name]=Pro', 'success_url=https://shop.example/ok',
      'subscription_data[metadata][subscription_id]=sub-1',
    ].join('&');
    const open = await stripeCall<{ id: string }>(sandbox, 'POST', '/v1/checkout/sessions', form);
    expect(open.status).toBe(200);
    expectStripeShaped('checkout.session', open.body);
    await controlCall(sandbox, `/_sandbox/stripe/checkout_sessions/${open.body.id}/pay`);
    const complete = await stripeCall<{ subscription: string | null }>(sandbox, 'GET', `/v1/checkout/sessions/${open.body.id}`);
    expect(complete.body.subscription).toMatch(/^sub_/);
    expectStripeShaped('checkout.session', complete.body);
  });

  it('answers refunds as Stripe does, succeeded and failed', async () => {
    const id = await paidPaymentIntent(sandbox, `ord_${randomUUID()}`);
    const succeeded = await stripeCall<{ id: string }>(sandbox, 'POST', '/v1/refunds', `payment_intent=${id}&amount=1000`);
    expectStripeShaped('refund', succeeded.body);
    await controlCall(sandbox, '/_sandbox/stripe/refunds/next_outcome', { outcome: 'fail' });
    const failing = await stripeCall<{ id: string }>(sandbox, 'POST', '/v1/refunds', `payment_intent=${id}&amount=1000`);
    const failed = await stripeCall<{ status: string }>(sandbox, 'GET', `/v1/refunds/${failing.body.id}`);
    expect(failed.body.status).toBe('failed');
    expectStripeShaped('refund', failed.body);
  });

  it('answers errors as Stripe does: a missing parameter, an unknown object, a refund too large, a PaymentIntent in the wrong state', async () => {
    const id = await paidPaymentIntent(sandbox, `ord_${randomUUID()}`);
    const errors = [
      await stripeCall(sandbox, 'POST', '/v1/payment_intents', 'currency=usd'),
      await stripeCall(sandbox, 'GET', '/v1/checkout/sessions/cs_test_missing'),
      await stripeCall(sandbox, 'POST', '/v1/refunds', `payment_intent=${id}&amount=5000`),
      await stripeCall(sandbox, 'POST', `/v1/payment_intents/${id}/cancel`, ''),
    ];
    expect(errors.map((error) => error.status)).toEqual([400, 404, 400, 400]);
    for (const error of errors) expectStripeShaped('error', error.body);
  });

  it('delivers events, and the objects in them, as Stripe does', async () => {
    const orderId = `ord_${randomUUID()}`;
    const session = await stripeCall<{ id: string }>(sandbox, 'POST', '/v1/checkout/sessions', sessionForm(orderId));
    const paid = await controlCall<{ payment_intent: { id: string } }>(sandbox, `/_sandbox/stripe/checkout_sessions/${session.body.id}/pay`);
    const paymentIntentId = paid.body.payment_intent.id;
    const refund = await stripeCall<{ id: string; charge: string }>(sandbox, 'POST', '/v1/refunds', `payment_intent=${paymentIntentId}`);
    const deliveries: [string, string, StripeSchemaName][] = [
      [paymentIntentId, 'payment_intent.succeeded', 'payment_intent'],
      [session.body.id, 'checkout.session.completed', 'checkout.session'],
      [refund.body.id, 'refund.created', 'refund'],
      [refund.body.charge, 'charge.refunded', 'charge'],
    ];
    for (const [objectId, type, schema] of deliveries) {
      const event = JSON.parse((await deliveredEvent(objectId, type)).rawBody.toString('utf8')) as { data: { object: unknown } };
      expectStripeShaped('event', event);
      expectStripeShaped(schema, event.data.object);
    }
  });
});
