import { ProviderError } from '@payments/providers';
import { eventually } from '@payments/testing';
import { ReceivedWebhook, eventsOf } from './sandbox-harness.fixture';
import { stripeHarness } from './stripe-harness.fixture';
import { controlCall, getJson, stripeCall } from './stripe-sandbox-calls.fixture';
import { DisputeJson, movableClock, openedDispute, paidOrder } from './stripe-settlement.fixture';

async function providerErrorOf(call: Promise<unknown>): Promise<ProviderError> {
  const error = await call.then(() => undefined, (thrown: unknown) => thrown);
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

describe('Stripe disputes through the sandbox and the Stripe adapter', () => {
  const clock = movableClock('2024-11-22T12:00:00Z');
  const stripe = stripeHarness({ runtime: clock.runtime });
  const dueBy = '2024-11-29T12:00:00.000Z';

  const delivered = (disputeId: string, type: string, count = 1): Promise<ReceivedWebhook[]> =>
    eventually(async () => {
      const deliveries = stripe.receiver.deliveriesOf(disputeId, type);
      return deliveries.length >= count ? deliveries : undefined;
    }, 15_000, `${count} ${type} of ${disputeId}`);
  const parsed = (webhook: ReceivedWebhook) => stripe.adapter.parseWebhook(webhook.rawBody, webhook.headers);
  const accept = (disputeId: string, key = `accept-${disputeId}`) => stripe.adapter.actOnDispute({ action: 'accept', disputeId, idempotencyKey: key });
  const contest = (disputeId: string) =>
    stripe.adapter.actOnDispute({ action: 'submit-evidence', disputeId, idempotencyKey: `evidence-${disputeId}`, explanation: 'The course was delivered and watched.' });
  const dispute = async (id: string) => (await stripeCall<DisputeJson & Record<string, unknown>>(stripe.sandbox, 'GET', `/v1/disputes/${id}`)).body;

  it('opens a dispute on a paid order: charge.dispute.created reads as dispute.opened of the payment with its fee and deadline, and the charge is disputed', async () => {
    const order = await paidOrder(stripe.adapter, stripe.sandbox, 4999);
    const opened = await openedDispute(stripe.sandbox, order.paymentIntentId, { reason: 'product_not_received' });
    expect(opened).toMatchObject({ status: 'needs_response', amount: 4999, payment_intent: order.paymentIntentId, balance_transactions: [{ amount: -4999, fee: 1500 }] });
    const [created] = await delivered(opened.id, 'charge.dispute.created');
    expect(parsed(created)).toMatchObject({
      event: {
        kind: 'dispute.opened', providerObjectId: opened.id, providerPaymentReference: order.paymentIntentId, orderId: null, amountMinor: 4999, currency: 'USD',
        reasonCode: 'product_not_received',
        dispute: { disputeId: opened.id, paymentId: order.paymentIntentId, status: 'needs_response', amountMinor: 4999, currency: 'USD', feeMinor: 1500, respondBy: dueBy, inquiry: false },
      },
    });
    const [withdrawn] = await delivered(opened.id, 'charge.dispute.funds_withdrawn');
    expect(parsed(withdrawn)).toMatchObject({ accepted: true, ignored: true, providerType: 'charge.dispute.funds_withdrawn' });
    const refunds = await getJson<{ charge: { disputed: boolean } }>(stripe.sandbox, `/_sandbox/stripe/refunds?payment_intent=${order.paymentIntentId}`);
    expect(refunds.body.charge.disputed).toBe(true);
  });

  it('accepts a dispute through the adapter: lost, charge.dispute.closed reads as dispute.lost; a retry with the key replays it and another key is refused', async () => {
    const order = await paidOrder(stripe.adapter, stripe.sandbox, 2500);
    const opened = await openedDispute(stripe.sandbox, order.paymentIntentId);
    await expect(accept(opened.id)).resolves.toEqual({ disputeId: opened.id, status: 'lost' });
    const [closed] = await delivered(opened.id, 'charge.dispute.closed');
    expect(parsed(closed)).toMatchObject({ event: { kind: 'dispute.lost', amountMinor: 2500, dispute: { status: 'lost', feeMinor: 1500 } } });
    await expect(accept(opened.id)).resolves.toEqual({ disputeId: opened.id, status: 'lost' });
    const again = await providerErrorOf(accept(opened.id, 'accept-again'));
    expect(again).toMatchObject({ code: 'PROVIDER.INVALID_REQUEST', message: expect.stringMatching(/status of lost/) });
    expect(await eventsOf(stripe.sandbox, opened.id, 'charge.dispute.closed')).toHaveLength(1);
  });

  it('contests a dispute through the adapter: the explanation is submitted as evidence, under review, then won with its funds reinstated', async () => {
    const order = await paidOrder(stripe.adapter, stripe.sandbox, 4999);
    const opened = await openedDispute(stripe.sandbox, order.paymentIntentId, { amount: 3000 });
    await expect(contest(opened.id)).resolves.toEqual({ disputeId: opened.id, status: 'under_review' });
    expect(await dispute(opened.id)).toMatchObject({
      evidence: { uncategorized_text: 'The course was delivered and watched.' }, evidence_details: { has_evidence: true, submission_count: 1 },
    });
    const [updated] = await delivered(opened.id, 'charge.dispute.updated');
    expect(JSON.parse(updated.rawBody.toString('utf8')).data.previous_attributes).toMatchObject({ status: 'needs_response' });
    expect(parsed(updated)).toMatchObject({ event: { kind: 'dispute.updated', amountMinor: 3000, dispute: { status: 'under_review' } } });

    clock.set('2024-11-25T12:00:00Z');
    expect((await controlCall(stripe.sandbox, `/_sandbox/stripe/disputes/${opened.id}/resolve`, { outcome: 'won' })).status).toBe(200);
    const [closed] = await delivered(opened.id, 'charge.dispute.closed');
    expect(parsed(closed)).toMatchObject({ event: { kind: 'dispute.won', dispute: { status: 'won', feeMinor: 1500 } } });
    const [reinstated] = await delivered(opened.id, 'charge.dispute.funds_reinstated');
    expect(parsed(reinstated)).toMatchObject({ ignored: true });
    expect((await dispute(opened.id)).balance_transactions.map(({ amount, fee }) => ({ amount, fee }))).toEqual([{ amount: -3000, fee: 1500 }, { amount: 3000, fee: 0 }]);
    clock.set('2024-11-22T12:00:00Z');
  });

  it('closes a dispute the bank decides against us as dispute.lost, and refuses to resolve it again', async () => {
    const order = await paidOrder(stripe.adapter, stripe.sandbox, 1200);
    const opened = await openedDispute(stripe.sandbox, order.paymentIntentId);
    expect((await controlCall(stripe.sandbox, `/_sandbox/stripe/disputes/${opened.id}/resolve`, { outcome: 'lost' })).status).toBe(200);
    expect(parsed((await delivered(opened.id, 'charge.dispute.closed'))[0])).toMatchObject({ event: { kind: 'dispute.lost' } });
    expect(await controlCall(stripe.sandbox, `/_sandbox/stripe/disputes/${opened.id}/resolve`, { outcome: 'won' })).toMatchObject({ status: 400 });
    expect((await providerErrorOf(contest(opened.id))).code).toBe('PROVIDER.INVALID_REQUEST');
  });

  it('sends dispute webhooks with the delivery faults asked for: duplicated, and created held back until funds_withdrawn went', async () => {
    const order = await paidOrder(stripe.adapter, stripe.sandbox, 4999);
    const opened = await openedDispute(stripe.sandbox, order.paymentIntentId, { faults: { duplicate: 2, reorder: true } });
    await delivered(opened.id, 'charge.dispute.created', 2);
    const types = stripe.receiver.received.filter((webhook) => webhook.json.data.object.id === opened.id).map((webhook) => webhook.json.type);
    expect(types).toEqual(['charge.dispute.funds_withdrawn', 'charge.dispute.funds_withdrawn', 'charge.dispute.created', 'charge.dispute.created']);
    const copies = stripe.receiver.deliveriesOf(opened.id, 'charge.dispute.created');
    expect(new Set(copies.map((copy) => copy.json.id)).size).toBe(1);
  });

  it('refuses a dispute on an unpaid payment, a second one on the same charge, and one larger than the charge', async () => {
    const unpaid = await stripe.adapter.openCheckout({ orderId: 'ord_unpaid', amountMinor: 999, currency: 'USD', customerId: 'user-1', description: 'Course', idempotencyKey: 'open-unpaid' });
    expect(await controlCall(stripe.sandbox, `/_sandbox/stripe/payment_intents/${unpaid.providerReference}/dispute`)).toMatchObject({
      status: 400, body: { error: { code: 'payment_intent_unexpected_state' } },
    });
    const order = await paidOrder(stripe.adapter, stripe.sandbox, 999);
    expect(await controlCall(stripe.sandbox, `/_sandbox/stripe/payment_intents/${order.paymentIntentId}/dispute`, { amount: 1000 })).toMatchObject({
      status: 400, body: { error: { code: 'amount_too_large', param: 'amount' } },
    });
    await openedDispute(stripe.sandbox, order.paymentIntentId);
    expect(await controlCall(stripe.sandbox, `/_sandbox/stripe/payment_intents/${order.paymentIntentId}/dispute`)).toMatchObject({
      status: 400, body: { error: { code: 'charge_disputed' } },
    });
    expect(await controlCall(stripe.sandbox, '/_sandbox/stripe/payment_intents/pi_nope/dispute')).toMatchObject({ status: 404 });
    expect(await controlCall(stripe.sandbox, `/_sandbox/stripe/payment_intents/${order.paymentIntentId}/dispute`, { reason: 'bored' })).toMatchObject({
      status: 400, body: { error: { param: 'reason' } },
    });
  });

  it('reports a dispute Stripe does not know as an invalid request naming resource_missing', async () => {
    await expect(providerErrorOf(accept('du_nope'))).resolves.toMatchObject({ code: 'PROVIDER.INVALID_REQUEST', providerCode: 'resource_missing' });
  });
});
