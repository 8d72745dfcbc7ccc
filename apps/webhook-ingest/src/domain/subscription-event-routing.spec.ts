import { validateEnvelope } from '@payments/contracts';
import { NeutralProviderEvent, NeutralSubscriptionFacts } from '@payments/providers';
import { routeProviderEvent } from './provider-event-routing';

const subscriptionId = '5b0e6c8a-3f7d-4a1e-9c2b-7d8e9f0a1b2c';
const at = new Date('2026-12-02T10:00:05.000Z');
const origin = { correlationId: 'evt_s1' };
const event = (fields: Partial<NeutralProviderEvent>, facts: Partial<NeutralSubscriptionFacts> = {}): NeutralProviderEvent => ({
  kind: 'subscription.payment_succeeded', provider: 'stripe', providerEventId: 'evt_s1', providerObjectId: 'in_1', orderId: null,
  amountMinor: 2900, currency: 'USD', occurredAt: '2026-12-02T10:00:00.000Z', providerType: 'invoice.paid', ...fields,
  subscription: { subscriptionId, providerSubscriptionId: 'sub_1', ...facts },
});
const messageOf = (routed: ReturnType<typeof routeProviderEvent>) => (routed.publish ? routed.toMessage(origin, at) : null);

describe('routing subscription facts onto payments.provider-events, keyed by our subscription id', () => {
  it('publishes a paid period as SubscriptionPaymentSucceeded with its service period and reason', () => {
    const message = messageOf(routeProviderEvent(event({}, {
      billingReason: 'create', periodStart: '2026-12-02T10:00:00.000Z', periodEnd: '2027-01-02T10:00:00.000Z', paidAt: '2026-12-02T09:59:50.000Z',
    })));
    expect(message).toMatchObject({
      type: 'SubscriptionPaymentSucceeded', key: subscriptionId,
      payload: {
        subscriptionId, provider: 'stripe', providerEventId: 'evt_s1', providerSubscriptionId: 'sub_1', providerPaymentId: 'in_1', amountMinor: 2900, currency: 'USD',
        periodStart: '2026-12-02T10:00:00.000Z', periodEnd: '2027-01-02T10:00:00.000Z', billingReason: 'create', paidAt: '2026-12-02T09:59:50.000Z',
      },
    });
    expect(() => validateEnvelope(message as NonNullable<typeof message>)).not.toThrow();
  });

  it('publishes a Cashfree charge without a stated period as a cycle paid when the event happened', () => {
    const message = messageOf(routeProviderEvent(event({ provider: 'cashfree', providerObjectId: '77001' }, { providerSubscriptionId: subscriptionId })));
    expect(message?.payload).toEqual({
      subscriptionId, provider: 'cashfree', providerEventId: 'evt_s1', providerSubscriptionId: subscriptionId, providerPaymentId: '77001',
      amountMinor: 2900, currency: 'USD', billingReason: 'cycle', paidAt: '2026-12-02T10:00:00.000Z',
    });
  });

  it('publishes a failed collection with its code and next attempt, never the provider’s words', () => {
    const failed = messageOf(routeProviderEvent(event(
      { kind: 'subscription.payment_failed', reason: 'card 4242 4242 4242 4242 declined', reasonCode: 'insufficient_funds' },
      { nextAttemptAt: '2026-12-05T10:00:00.000Z' },
    )));
    expect(failed).toMatchObject({ type: 'SubscriptionPaymentFailed', key: subscriptionId, payload: { reason: 'insufficient_funds', nextAttemptAt: '2026-12-05T10:00:00.000Z', failedAt: '2026-12-02T10:00:00.000Z' } });
    const smuggled = messageOf(routeProviderEvent(event({ kind: 'subscription.payment_failed', reasonCode: 'card 4242 declined' })));
    expect(smuggled?.payload).toMatchObject({ reason: 'payment_failed' });
    expect(smuggled?.payload).not.toHaveProperty('nextAttemptAt');
  });

  it('publishes the subscription’s state, with an end reason only once it ended', () => {
    const status = (facts: Partial<NeutralSubscriptionFacts>) => messageOf(routeProviderEvent(event({ kind: 'subscription.status_reported', providerObjectId: 'sub_1', amountMinor: null, currency: null }, facts)));
    expect(status({ status: 'active', cancelAtPeriodEnd: true, currentPeriodEnd: '2027-01-02T10:00:00.000Z' })).toMatchObject({
      type: 'SubscriptionStatusReported', key: subscriptionId,
      payload: { subscriptionId, status: 'active', cancelAtPeriodEnd: true, currentPeriodEnd: '2027-01-02T10:00:00.000Z', reportedAt: '2026-12-02T10:00:00.000Z' },
    });
    expect(status({ status: 'past_due', endReason: 'payment_failed' })?.payload).not.toHaveProperty('endReason');
    expect(status({ status: 'ended', endReason: 'cancellation_requested' })?.payload).toMatchObject({ status: 'ended', endReason: 'cancellation_requested', cancelAtPeriodEnd: false });
    expect(status({ status: 'ended' })?.payload).toMatchObject({ endReason: 'ended' });
  });

  it('lower-cases our id, and passes one that is not ours on for the contract to refuse', () => {
    expect(messageOf(routeProviderEvent(event({}, { subscriptionId: subscriptionId.toUpperCase() })))?.key).toBe(subscriptionId);
    const foreign = messageOf(routeProviderEvent(event({}, { subscriptionId: 'sub-from-dashboard' })));
    expect(() => validateEnvelope(foreign as NonNullable<typeof foreign>)).toThrow(/subscriptionId/);
  });

  it('stores, without publishing, a paid period whose amount could not be read', () => {
    expect(routeProviderEvent(event({ amountMinor: null }))).toEqual({ publish: false, reason: 'subscription payment without amount or currency' });
  });
});
