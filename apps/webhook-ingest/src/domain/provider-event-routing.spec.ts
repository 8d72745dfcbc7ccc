import { NeutralProviderEvent } from '@payments/providers';
import { ourOrderId, routeProviderEvent } from './provider-event-routing';

const orderId = '3f0c1b9e-6a2d-5c4b-9e8f-0a1b2c3d4e5f';
const at = new Date('2024-11-22T18:30:00.000Z');
const origin = { correlationId: 'PAYMENT_SUCCESS_WEBHOOK:5114910:SUCCESS' };
const event = (fields: Partial<NeutralProviderEvent>): NeutralProviderEvent => ({
  kind: 'payment.succeeded', provider: 'cashfree', providerEventId: 'PAYMENT_SUCCESS_WEBHOOK:5114910:SUCCESS', providerObjectId: '5114910',
  providerPaymentReference: orderId, orderId, amountMinor: 58882, currency: 'INR', occurredAt: '2024-11-22T18:26:40.000Z',
  providerType: 'PAYMENT_SUCCESS_WEBHOOK', ...fields,
});
const messageOf = (routed: ReturnType<typeof routeProviderEvent>) => (routed.publish ? routed.toMessage(origin, at) : null);

describe('routing verified provider events onto payments.provider-events', () => {
  it('publishes a Cashfree payment as PaymentSucceeded for the attempt that paid, keyed by our order id', () => {
    const message = messageOf(routeProviderEvent(event({})));
    expect(message).toMatchObject({
      type: 'PaymentSucceeded', key: orderId,
      payload: { orderId, provider: 'cashfree', providerPaymentId: '5114910', amountMinor: 58882, currency: 'INR', succeededAt: '2024-11-22T18:26:40.000Z' },
    });
  });

  it('publishes a declined Cashfree attempt as PaymentAttemptFailed with its reason code: the order stays payable', () => {
    const message = messageOf(routeProviderEvent(event({
      kind: 'payment.failed', ends: 'attempt', providerEventId: 'PAYMENT_FAILED_WEBHOOK:5114909:FAILED', providerObjectId: '5114909',
      reason: 'issuer bank declined the transaction', reasonCode: 'auth_declined', providerType: 'PAYMENT_FAILED_WEBHOOK',
    })));
    expect(message).toMatchObject({ type: 'PaymentAttemptFailed', payload: { providerPaymentId: '5114909', reason: 'auth_declined' } });
  });

  it('records a dropped Cashfree attempt as an attempt that failed, never as a failed order', () => {
    const message = messageOf(routeProviderEvent(event({
      kind: 'payment.abandoned', ends: 'attempt', providerEventId: 'PAYMENT_USER_DROPPED_WEBHOOK:5114908:USER_DROPPED', providerObjectId: '5114908',
      reason: 'user dropped and did not complete the two factor authentication', providerType: 'PAYMENT_USER_DROPPED_WEBHOOK',
    })));
    expect(message).toMatchObject({ type: 'PaymentAttemptFailed', payload: { orderId, providerPaymentId: '5114908', reason: 'user_dropped' } });
  });

  it('never publishes the provider’s own words: without a reason code the reason is a fixed code of ours', () => {
    const words = 'card 4111 1111 1111 1111 cvc 123 of asha@example.com declined';
    const failed = messageOf(routeProviderEvent(event({ kind: 'payment.failed', reason: words })));
    const smuggled = messageOf(routeProviderEvent(event({ kind: 'payment.failed', reason: words, reasonCode: words })));
    const closed = messageOf(routeProviderEvent(event({ kind: 'payment.abandoned', provider: 'stripe', reason: words })));
    expect([failed?.payload, smuggled?.payload, closed?.payload]).toMatchObject([{ reason: 'payment_failed' }, { reason: 'payment_failed' }, { reason: 'session_closed' }]);
  });

  describe('refunds', () => {
    const refundId = '8d1e2f3a-4b5c-4d6e-8f70-1a2b3c4d5e6f';
    const refund = (fields: Partial<NeutralProviderEvent>) => event({
      kind: 'refund.succeeded', provider: 'stripe', providerEventId: 'evt_9', providerObjectId: 're_9', providerPaymentReference: 'pi_9',
      refundId, amountMinor: 1500, currency: 'USD', providerType: 'refund.updated', ...fields,
    });

    it('publishes a final refund of ours as RefundSucceeded, naming our refund and the provider refund', () => {
      expect(messageOf(routeProviderEvent(refund({})))).toMatchObject({
        type: 'RefundSucceeded', key: orderId,
        payload: { orderId, refundId, provider: 'stripe', providerEventId: 'evt_9', providerRefundId: 're_9', amountMinor: 1500, currency: 'USD' },
      });
    });

    it('publishes a failed or canceled refund of ours as RefundFailed with the provider’s reason code', () => {
      expect(messageOf(routeProviderEvent(refund({ kind: 'refund.failed', reason: 'expired_or_canceled_card', reasonCode: 'expired_or_canceled_card' })))).toMatchObject({
        type: 'RefundFailed', payload: { orderId, refundId, providerRefundId: 're_9', reason: 'expired_or_canceled_card' },
      });
      expect(messageOf(routeProviderEvent(refund({ kind: 'refund.failed', reason: 'Refund failed: account 9876543210 closed' })))).toMatchObject({
        payload: { reason: 'refund_failed' },
      });
    });

    it('stores, without publishing, a refund made outside our system (no refund id of ours)', () => {
      expect(routeProviderEvent(refund({ refundId: undefined }))).toMatchObject({ publish: false });
      expect(routeProviderEvent(refund({ refundId: 'refund-from-dashboard' }))).toMatchObject({ publish: false });
    });
  });

  it('publishes a closed payment (a canceled Stripe PaymentIntent) as PaymentSessionClosed, not as a failed attempt', () => {
    const message = messageOf(routeProviderEvent(event({
      kind: 'payment.abandoned', provider: 'stripe', providerEventId: 'evt_c1', providerObjectId: 'pi_9', reason: 'abandoned', reasonCode: 'abandoned', providerType: 'payment_intent.canceled',
    })));
    expect(message).toMatchObject({
      type: 'PaymentSessionClosed', key: orderId,
      payload: { orderId, provider: 'stripe', providerEventId: 'evt_c1', providerPaymentId: 'pi_9', reason: 'abandoned', closedAt: '2024-11-22T18:26:40.000Z' },
    });
  });

  it('stores, without publishing, an event that names no order of ours or a payment without an amount', () => {
    expect(routeProviderEvent(event({ orderId: null }))).toMatchObject({ publish: false });
    expect(routeProviderEvent(event({ amountMinor: null }))).toMatchObject({ publish: false, reason: 'payment.succeeded without amount or currency' });
  });
});

describe('events that name an order that is not ours', () => {
  it('are stored and acknowledged but never published, so a dashboard test webhook cannot loop on a 500', () => {
    const routed = routeProviderEvent({
      kind: 'payment.succeeded', provider: 'cashfree', providerEventId: 'PAYMENT_SUCCESS_WEBHOOK:1:SUCCESS', providerObjectId: '1',
      orderId: 'order_OFR_2', amountMinor: 100, currency: 'INR', occurredAt: '2026-11-22T10:00:00.000Z', providerType: 'PAYMENT_SUCCESS_WEBHOOK',
    });
    expect(routed).toEqual({ publish: false, reason: expect.stringContaining('not one of our UUIDs') });
    expect(ourOrderId({ orderId: 'order_OFR_2' })).toBeNull();
    expect(ourOrderId({ orderId: '7F1D2C9E-9A1B-4C1E-8E5F-0A1B2C3D4E5F' })).toBe('7f1d2c9e-9a1b-4c1e-8e5f-0a1b2c3d4e5f');
  });
});

describe('disputes and settlements', () => {
  const dispute = (fields: Partial<NeutralProviderEvent> = {}, facts: Partial<NonNullable<NeutralProviderEvent['dispute']>> = {}) => event({
    kind: 'dispute.opened', provider: 'stripe', providerEventId: 'evt_d1', providerObjectId: 'du_1', providerPaymentReference: 'pi_9', orderId: null,
    amountMinor: 1900, currency: 'USD', providerType: 'charge.dispute.created',
    dispute: { disputeId: 'du_1', paymentId: 'pi_9', status: 'needs_response', amountMinor: 1900, currency: 'USD', feeMinor: 1500, respondBy: '2026-12-01T00:00:00.000Z', ...facts },
    ...fields,
  });

  it('publishes a Stripe dispute as DisputeReported keyed by the disputed payment, naming no order', () => {
    const routed = routeProviderEvent(dispute({ reasonCode: 'fraudulent' }));
    const message = messageOf(routed);
    expect(routed).toMatchObject({ publish: true, topic: 'payments.provider-events' });
    expect(message).toMatchObject({ type: 'DisputeReported', key: 'pi_9' });
    expect(message?.payload).toEqual({
      provider: 'stripe', providerEventId: 'evt_d1', disputeId: 'du_1', providerPaymentId: 'pi_9', stage: 'opened', status: 'needs_response',
      amountMinor: 1900, currency: 'USD', inquiry: false, feeMinor: 1500, reasonCode: 'fraudulent', respondBy: '2026-12-01T00:00:00.000Z',
      reportedAt: '2024-11-22T18:26:40.000Z',
    });
  });

  it.each([
    ['dispute.updated', 'updated'], ['dispute.won', 'won'], ['dispute.lost', 'lost'],
  ] as const)('publishes %s as the %s stage', (kind, stage) => {
    expect(messageOf(routeProviderEvent(dispute({ kind })))?.payload).toMatchObject({ stage });
  });

  it('publishes a Cashfree dispute keyed by the order it names, with the order id, and an inquiry as one', () => {
    const message = messageOf(routeProviderEvent(dispute(
      { provider: 'cashfree', orderId, providerEventId: 'DISPUTE_CREATED:433475258:RETRIEVAL_CREATED', providerType: 'DISPUTE_CREATED' },
      { disputeId: '433475258', paymentId: '5114910', status: 'RETRIEVAL_CREATED', inquiry: true, feeMinor: undefined, currency: 'INR' },
    )));
    expect(message).toMatchObject({ type: 'DisputeReported', key: orderId, payload: { orderId, providerPaymentId: '5114910', inquiry: true, currency: 'INR' } });
    expect(message?.payload).not.toHaveProperty('feeMinor');
  });

  it("never publishes the provider's reason text, only a stable code", () => {
    const words = 'customer asha@example.com says card 4111 1111 1111 1111 was stolen';
    const message = messageOf(routeProviderEvent(dispute({ reason: words, reasonCode: words })));
    expect(message?.payload).not.toHaveProperty('reasonCode');
    expect(JSON.stringify(message)).not.toContain('asha@example.com');
  });

  it('stores, without publishing, a dispute that names neither an order of ours nor a payment', () => {
    expect(routeProviderEvent(dispute({ providerPaymentReference: undefined }, { paymentId: null }))).toEqual({ publish: false, reason: 'dispute names no payment' });
  });

  it('publishes a paid settlement as SettlementPaid keyed by provider and day', () => {
    const routed = routeProviderEvent(event({
      kind: 'settlement.paid', provider: 'stripe', providerEventId: 'evt_po1', providerObjectId: 'po_1', orderId: null, amountMinor: null, currency: null,
      providerType: 'payout.paid', settlement: { settlementId: 'po_1', date: '2026-11-22' },
    }));
    expect(messageOf(routed)).toMatchObject({
      type: 'SettlementPaid', key: 'stripe:2026-11-22',
      payload: { provider: 'stripe', providerEventId: 'evt_po1', settlementId: 'po_1', date: '2026-11-22', reportedAt: '2024-11-22T18:26:40.000Z' },
    });
  });
});
