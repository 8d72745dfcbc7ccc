import { toParsedWebhook } from './stripe-event.mapper';

const created = 1_732_300_000;
const event = (type: string, object: Record<string, unknown>) =>
  ({ id: 'evt_1', type, created, data: { object } }) as unknown as Parameters<typeof toParsedWebhook>[0];
const intent = (fields: Record<string, unknown> = {}) => ({
  id: 'pi_1', object: 'payment_intent', amount: 4999, amount_received: 0, currency: 'usd', metadata: { order_id: 'ord_1' },
  last_payment_error: null, cancellation_reason: null, ...fields,
});

describe('Stripe events in neutral terms', () => {
  it('reads a succeeded PaymentIntent as a payment of the amount received, with our order id and an upper-case currency', () => {
    expect(toParsedWebhook(event('payment_intent.succeeded', intent({ amount_received: 4999 })))).toEqual({
      accepted: true,
      providerEventId: 'evt_1',
      providerType: 'payment_intent.succeeded',
      event: {
        kind: 'payment.succeeded', provider: 'stripe', providerEventId: 'evt_1', providerObjectId: 'pi_1', orderId: 'ord_1',
        amountMinor: 4999, currency: 'USD', occurredAt: '2024-11-22T18:26:40.000Z', providerType: 'payment_intent.succeeded',
      },
    });
  });

  it('reads a failed attempt as payment.failed with the decline message as reason and the decline code as reason code', () => {
    const parsed = toParsedWebhook(event('payment_intent.payment_failed', intent({
      last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card was declined.' },
    })));
    expect(parsed).toMatchObject({ event: { kind: 'payment.failed', amountMinor: 4999, reason: 'Your card was declined.', reasonCode: 'insufficient_funds' } });
  });

  it('falls back to the error code, then to payment_failed, and never takes a sentence for a code', () => {
    const failedWith = (lastPaymentError: Record<string, unknown> | null) =>
      toParsedWebhook(event('payment_intent.payment_failed', intent({ last_payment_error: lastPaymentError })));
    expect(failedWith({ code: 'card_declined' })).toMatchObject({ event: { reason: 'card_declined', reasonCode: 'card_declined' } });
    expect(failedWith({ decline_code: 'card 4242 4242 4242 4242 declined', message: 'Declined' })).toMatchObject({ event: { reasonCode: 'payment_failed' } });
    expect(failedWith(null)).toMatchObject({ event: { reasonCode: 'payment_failed' } });
  });

  it('reads a canceled PaymentIntent as an abandoned payment', () => {
    const parsed = toParsedWebhook(event('payment_intent.canceled', intent({ cancellation_reason: 'abandoned' })));
    expect(parsed).toMatchObject({ event: { kind: 'payment.abandoned', reason: 'abandoned', reasonCode: 'abandoned', orderId: 'ord_1' } });
  });

  it('refuses a mapped object whose id, amount or currency it could not use, naming the field', () => {
    const refused = (fields: Record<string, unknown>) => () => toParsedWebhook(event('payment_intent.succeeded', intent(fields)));
    expect(refused({ id: undefined })).toThrow(expect.objectContaining({ name: 'WebhookPayloadError', code: 'WEBHOOK.MISSING_FIELD', message: 'the webhook has no data.object.id' }));
    expect(refused({ id: { nested: true } })).toThrow(expect.objectContaining({ code: 'WEBHOOK.INVALID_FIELD', message: expect.stringContaining('data.object.id') }));
    expect(refused({ amount_received: '49.99' })).toThrow(/data\.object\.amount_received is not a whole number of minor units/);
    expect(refused({ currency: 840 })).toThrow(/data\.object\.currency is not a three-letter currency code/);
  });

  it('gives a null order id to an object without metadata.order_id', () => {
    expect(toParsedWebhook(event('payment_intent.succeeded', intent({ metadata: {} })))).toMatchObject({ event: { orderId: null } });
  });

  it('maps a refund once it is final and names the PaymentIntent it refunds', () => {
    const refund = { id: 're_1', amount: 1000, currency: 'inr', payment_intent: 'pi_1', metadata: { order_id: 'ord_1', refund_id: 'ref_1' }, failure_reason: null };
    expect(toParsedWebhook(event('refund.created', { ...refund, status: 'succeeded' }))).toMatchObject({
      event: { kind: 'refund.succeeded', providerObjectId: 're_1', providerPaymentReference: 'pi_1', refundId: 'ref_1', amountMinor: 1000, currency: 'INR' },
    });
    expect(toParsedWebhook(event('refund.updated', { ...refund, status: 'failed', failure_reason: 'expired_or_canceled_card' }))).toMatchObject({
      event: { kind: 'refund.failed', reason: 'expired_or_canceled_card', reasonCode: 'expired_or_canceled_card' },
    });
    expect(toParsedWebhook(event('refund.updated', { ...refund, status: 'canceled' }))).toMatchObject({ event: { kind: 'refund.failed', reasonCode: 'refund_canceled' } });
    expect(toParsedWebhook(event('refund.updated', { ...refund, status: 'pending' }))).toEqual({
      accepted: true, ignored: true, providerEventId: 'evt_1', providerType: 'refund.updated',
    });
  });

  it('maps an opened dispute', () => {
    const dispute = { id: 'du_1', amount: 4999, currency: 'usd', payment_intent: 'pi_1', metadata: {}, reason: 'fraudulent', status: 'needs_response' };
    expect(toParsedWebhook(event('charge.dispute.created', dispute))).toMatchObject({
      event: { kind: 'dispute.opened', providerPaymentReference: 'pi_1', orderId: null, reason: 'fraudulent' },
    });
  });

  const session = (fields: Record<string, unknown> = {}) => ({
    id: 'cs_1', object: 'checkout.session', amount_total: 4999, currency: 'usd', metadata: { order_id: 'ord_1' },
    payment_intent: 'pi_1', payment_status: 'paid', status: 'complete', ...fields,
  });

  it('reads a paid Checkout Session as payment.succeeded of its PaymentIntent, so it counts once beside payment_intent.succeeded', () => {
    const fromSession = toParsedWebhook(event('checkout.session.completed', session()));
    const fromIntent = toParsedWebhook(event('payment_intent.succeeded', intent({ amount_received: 4999 })));
    expect(fromSession).toMatchObject({
      event: { kind: 'payment.succeeded', providerObjectId: 'pi_1', orderId: 'ord_1', amountMinor: 4999, currency: 'USD', providerType: 'checkout.session.completed' },
    });
    expect('event' in fromSession && fromSession.event.providerObjectId).toBe('event' in fromIntent && fromIntent.event.providerObjectId);
  });

  it('ignores a completed Checkout Session whose delayed payment is still unpaid, and counts it once the payment settles', () => {
    expect(toParsedWebhook(event('checkout.session.completed', session({ payment_status: 'unpaid' })))).toMatchObject({ ignored: true });
    expect(toParsedWebhook(event('checkout.session.async_payment_succeeded', session()))).toMatchObject({ event: { kind: 'payment.succeeded', providerObjectId: 'pi_1' } });
  });

  it('ignores every Checkout Session event in subscription mode: the invoice carries the payment', () => {
    const subscriptionSession = session({ mode: 'subscription', payment_intent: null, subscription: 'sub_1', metadata: { subscription_id: 'f0c1' } });
    for (const type of ['checkout.session.completed', 'checkout.session.expired', 'checkout.session.async_payment_succeeded']) {
      expect(toParsedWebhook(event(type, subscriptionSession))).toEqual({ accepted: true, ignored: true, providerEventId: 'evt_1', providerType: type });
    }
  });

  it('reads a failed delayed payment as payment.failed and an expired session as payment.abandoned', () => {
    expect(toParsedWebhook(event('checkout.session.async_payment_failed', session({ payment_status: 'unpaid' })))).toMatchObject({
      event: { kind: 'payment.failed', providerObjectId: 'pi_1', orderId: 'ord_1' },
    });
    expect(toParsedWebhook(event('checkout.session.expired', session({ status: 'expired', payment_status: 'unpaid', payment_intent: null })))).toMatchObject({
      event: { kind: 'payment.abandoned', providerObjectId: 'cs_1', orderId: 'ord_1', amountMinor: 4999 },
    });
  });

  it.each(['payment_intent.created', 'charge.refunded', 'customer.created', 'toString'])('ignores %s', (type) => {
    expect(toParsedWebhook(event(type, intent()))).toEqual({ accepted: true, ignored: true, providerEventId: 'evt_1', providerType: type });
  });
});
