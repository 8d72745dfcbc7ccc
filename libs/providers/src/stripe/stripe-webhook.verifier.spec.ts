import Stripe from 'stripe';
import { WebhookSignatureError } from '../port/provider.errors';
import { verifyStripeWebhook } from './stripe-webhook.verifier';

const { webhooks } = new Stripe('sk_test_unit');
const oldSecret = 'whsec_old_0123456789';
const newSecret = 'whsec_new_0123456789';
const now = new Date('2024-11-22T18:26:40.000Z');
const nowSeconds = Math.floor(now.getTime() / 1000);
const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded', created: nowSeconds, data: { object: {} } }, null, 2);
const signed = (secret: string, timestamp = nowSeconds) => ({ 'stripe-signature': webhooks.generateTestHeaderString({ payload, secret, timestamp }) });
const verify = (body: string, headers: Record<string, string | string[] | undefined>, secrets: string[]) =>
  verifyStripeWebhook(Buffer.from(body), headers, { webhooks, secrets, toleranceSeconds: 300, now: () => now });

describe('verifying a Stripe webhook against several secrets', () => {
  it('accepts a body signed with the only configured secret', () => {
    expect(verify(payload, signed(newSecret), [newSecret]).id).toBe('evt_1');
  });

  it('accepts a body signed with the old secret while both the new and the old one are configured', () => {
    expect(verify(payload, signed(oldSecret), [newSecret, oldSecret]).id).toBe('evt_1');
  });

  it('rejects a body signed with a secret that is no longer configured', () => {
    expect(() => verify(payload, signed(oldSecret), [newSecret])).toThrow(WebhookSignatureError);
  });

  it('rejects a body changed after it was signed', () => {
    expect(() => verify(payload.replace('"evt_1"', '"evt_2"'), signed(newSecret), [newSecret])).toThrow(WebhookSignatureError);
  });

  it('rejects a correctly signed body whose timestamp is older than the tolerance', () => {
    expect(() => verify(payload, signed(newSecret, nowSeconds - 301), [newSecret])).toThrow(/tolerance/);
  });

  it('rejects a correctly signed body whose timestamp is further ahead of our clock than the tolerance', () => {
    expect(() => verify(payload, signed(newSecret, nowSeconds + 301), [newSecret])).toThrow(/301 s ahead of our clock, outside the tolerance of 300 s/);
  });

  it('rejects a correctly signed body dated ten years ahead as an invalid signature', () => {
    const tenYearsAhead = nowSeconds + 10 * 365 * 24 * 3600;
    expect(() => verify(payload, signed(newSecret, tenYearsAhead), [newSecret, oldSecret]))
      .toThrow(expect.objectContaining({ name: 'WebhookSignatureError', code: 'WEBHOOK.SIGNATURE_INVALID' }));
  });

  it('accepts a timestamp exactly the tolerance away from our clock, in either direction', () => {
    expect(verify(payload, signed(newSecret, nowSeconds - 300), [newSecret]).id).toBe('evt_1');
    expect(verify(payload, signed(newSecret, nowSeconds + 300), [newSecret]).id).toBe('evt_1');
  });

  it('rejects a signed header with a second timestamp put in front of the signed one', () => {
    const header = signed(newSecret)['stripe-signature'];
    expect(() => verify(payload, { 'stripe-signature': `t=${nowSeconds + 3600},${header}` }, [newSecret])).toThrow(/one timestamp in seconds/);
  });

  it('reads a verified body that is not a Stripe event as a payload error, never a crash', () => {
    const signedBody = (body: string) => verify(body, { 'stripe-signature': webhooks.generateTestHeaderString({ payload: body, secret: newSecret, timestamp: nowSeconds }) }, [newSecret]);
    expect(() => signedBody('id=evt_1&type=payment_intent.succeeded')).toThrow(expect.objectContaining({ name: 'WebhookPayloadError', code: 'WEBHOOK.MALFORMED_BODY' }));
    expect(() => signedBody('{}')).toThrow(expect.objectContaining({ code: 'WEBHOOK.MISSING_FIELD', message: 'the webhook has no data' }));
    expect(() => signedBody(JSON.stringify({ id: 'evt_1', created: nowSeconds, data: { object: {} } }))).toThrow(/the webhook has no type/);
    expect(() => signedBody(`${'['.repeat(10_000)}${']'.repeat(10_000)}`)).toThrow(expect.objectContaining({ code: 'WEBHOOK.TOO_DEEP' }));
  });

  it('checks the signature before reading the body: a forged body that is not JSON is a signature error', () => {
    expect(() => verify('not json', signed(newSecret), [newSecret])).toThrow(WebhookSignatureError);
  });

  it('rejects a webhook without a Stripe-Signature header, or with it repeated', () => {
    expect(() => verify(payload, {}, [newSecret])).toThrow(WebhookSignatureError);
    const header = signed(newSecret)['stripe-signature'];
    expect(() => verify(payload, { 'stripe-signature': [header, header] }, [newSecret])).toThrow(WebhookSignatureError);
  });

  it('finds the header whatever its case', () => {
    expect(verify(payload, { 'Stripe-Signature': signed(newSecret)['stripe-signature'] }, [newSecret]).id).toBe('evt_1');
  });

  it('rejects every webhook when no secret is configured', () => {
    expect(() => verify(payload, signed(newSecret), [])).toThrow(/no Stripe webhook secret/);
  });
});
