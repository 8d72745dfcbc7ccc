import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { buildStripeEvent, signWebhook } from './stripe-event';
import { stripeSignatureHeader, stripeV1Signature } from './stripe-signature';

const secret = 'whsec_test_secret';
const { webhooks } = new Stripe('sk_test_unit');
const now = 1_732_300_000;
const event = buildStripeEvent({
  id: 'evt_1', type: 'payment_intent.succeeded', object: { id: 'pi_1', amount: 4999, amount_received: 4999 }, created: now,
  apiVersion: '2026-10-28.endive', request: { id: null, idempotency_key: null }, pendingWebhooks: 1,
});
const verifies = (body: string, header: string, receivedAt = now) => {
  try {
    webhooks.constructEvent(body, header, secret, 300, undefined, receivedAt * 1000);
    return true;
  } catch {
    return false;
  }
};

describe('signing webhooks the way Stripe does', () => {
  it('signs `${t}.${body}` with HMAC-SHA256 of the endpoint secret, in hex', () => {
    const expected = createHmac('sha256', secret).update(`${now}.{"a":1}`).digest('hex');
    expect(stripeV1Signature(secret, now, '{"a":1}')).toBe(expected);
  });

  it('puts the timestamp first and one v1 signature per secret in the header', () => {
    expect(stripeSignatureHeader([secret, 'whsec_other'], now, '{}')).toMatch(/^t=1732300000,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
  });

  it('produces a delivery the official SDK verifies', () => {
    const signed = signWebhook(event, [secret], now, {});
    expect(signed).toMatchObject({ timestamp: now, tampered: false });
    expect(verifies(signed.body, signed.signatureHeader)).toBe(true);
    expect(signed.body).toBe(JSON.stringify(event, null, 2));
  });

  it('verifies with either secret while two are being rolled', () => {
    const signed = signWebhook(event, ['whsec_new', secret], now, {});
    expect(verifies(signed.body, signed.signatureHeader)).toBe(true);
  });

  it('signs with a timestamp ten minutes old when asked for a stale timestamp, which the SDK refuses', () => {
    const signed = signWebhook(event, [secret], now, { staleTimestamp: true });
    expect(signed.timestamp).toBe(now - 600);
    expect(verifies(signed.body, signed.signatureHeader)).toBe(false);
    expect(verifies(signed.body, signed.signatureHeader, now - 600)).toBe(true);
  });

  it('changes the amount after signing when asked to tamper, which breaks the signature', () => {
    const signed = signWebhook(event, [secret], now, { tamperAmount: true });
    expect(signed.tampered).toBe(true);
    expect(JSON.parse(signed.body).data.object).toMatchObject({ amount: 5099, amount_received: 5099 });
    expect(verifies(signed.body, signed.signatureHeader)).toBe(false);
  });

  it('snapshots the object, so later changes do not leak into an event already built', () => {
    const object = { id: 'pi_2', status: 'requires_payment_method' };
    const snapshot = buildStripeEvent({ ...event, id: 'evt_2', object, apiVersion: event.api_version, pendingWebhooks: 1 });
    object.status = 'succeeded';
    expect(snapshot.data.object).toEqual({ id: 'pi_2', status: 'requires_payment_method' });
  });
});
