import { createHmac } from 'node:crypto';
import { WebhookSignatureError } from '../port/provider.errors';
import { cashfreeSignature, verifyCashfreeWebhook } from './cashfree-webhook.verifier';

const currentSecret = 'cfsk_test_current_0123456789';
const previousSecret = 'cfsk_test_previous_0123456789';
const now = new Date('2024-11-22T18:26:40.000Z');
const nowMs = String(now.getTime());
// Raw bytes as Cashfree sends them: the amount keeps its trailing zeros.
const rawBody = '{"data":{"order":{"order_id":"ord_1"},"payment":{"cf_payment_id":"5114910","payment_status":"SUCCESS","payment_amount":170.00}},"type":"PAYMENT_SUCCESS_WEBHOOK"}';
const headersFor = (secret: string, timestamp = nowMs, body = rawBody) => ({
  'x-webhook-signature': cashfreeSignature(secret, timestamp, body),
  'x-webhook-timestamp': timestamp,
  'x-webhook-version': '2023-08-01',
});
const verify = (body: string, headers: Record<string, string | string[] | undefined>, secrets = [currentSecret]) =>
  verifyCashfreeWebhook(Buffer.from(body), headers, { secrets, toleranceSeconds: 300, now: () => now });

describe('verifying a Cashfree webhook', () => {
  it('signs the timestamp and the raw body concatenated, base64-encoded', () => {
    const expected = createHmac('sha256', 'secret').update('1700000000000{"a":1}').digest('base64');
    expect(cashfreeSignature('secret', '1700000000000', '{"a":1}')).toBe(expected);
  });

  it('accepts a body signed with the configured secret', () => {
    expect(() => verify(rawBody, headersFor(currentSecret))).not.toThrow();
  });

  it('rejects a body changed after it was signed, even one that parses to the same JSON', () => {
    expect(() => verify(rawBody.replace('170.00', '171.00'), headersFor(currentSecret))).toThrow(WebhookSignatureError);
    expect(() => verify(rawBody.replace('170.00', '170'), headersFor(currentSecret))).toThrow(WebhookSignatureError);
  });

  it('rejects a correctly signed webhook whose timestamp is more than the tolerance old', () => {
    const stale = String(now.getTime() - 301_000);
    expect(() => verify(rawBody, headersFor(currentSecret, stale))).toThrow(/outside the tolerance of 300 s/);
  });

  it('rejects a correctly signed webhook whose timestamp is more than the tolerance ahead of our clock', () => {
    const future = String(now.getTime() + 301_000);
    expect(() => verify(rawBody, headersFor(currentSecret, future))).toThrow(/outside the tolerance/);
  });

  it('accepts a timestamp just inside the tolerance either way', () => {
    expect(() => verify(rawBody, headersFor(currentSecret, String(now.getTime() - 299_000)))).not.toThrow();
    expect(() => verify(rawBody, headersFor(currentSecret, String(now.getTime() + 299_000)))).not.toThrow();
  });

  it('accepts a timestamp exactly the tolerance away either way, and refuses one a millisecond further', () => {
    expect(() => verify(rawBody, headersFor(currentSecret, String(now.getTime() - 300_000)))).not.toThrow();
    expect(() => verify(rawBody, headersFor(currentSecret, String(now.getTime() + 300_000)))).not.toThrow();
    expect(() => verify(rawBody, headersFor(currentSecret, String(now.getTime() - 300_001)))).toThrow(/outside the tolerance/);
    expect(() => verify(rawBody, headersFor(currentSecret, String(now.getTime() + 300_001)))).toThrow(/outside the tolerance/);
  });

  it('rejects a correctly signed webhook dated ten years ahead as an invalid signature', () => {
    const tenYearsAhead = String(now.getTime() + 10 * 365 * 24 * 3600 * 1000);
    expect(() => verify(rawBody, headersFor(currentSecret, tenYearsAhead)))
      .toThrow(expect.objectContaining({ name: 'WebhookSignatureError', code: 'WEBHOOK.SIGNATURE_INVALID' }));
  });

  it('rejects a timestamp given in seconds, which is far outside any tolerance', () => {
    expect(() => verify(rawBody, headersFor(currentSecret, String(Math.floor(now.getTime() / 1000))))).toThrow(/outside the tolerance/);
  });

  it('accepts a webhook signed with the previous secret while both are configured, and rejects it once only the new one is', () => {
    expect(() => verify(rawBody, headersFor(previousSecret), [currentSecret, previousSecret])).not.toThrow();
    expect(() => verify(rawBody, headersFor(previousSecret), [currentSecret])).toThrow(/did not verify with any of the 1 configured secret/);
  });

  it('rejects a webhook without signature or timestamp, or with either repeated', () => {
    const { 'x-webhook-signature': signature, ...withoutSignature } = headersFor(currentSecret);
    expect(() => verify(rawBody, withoutSignature)).toThrow(/x-webhook-signature header is missing/);
    expect(() => verify(rawBody, { ...headersFor(currentSecret), 'x-webhook-timestamp': undefined })).toThrow(/x-webhook-timestamp header/);
    expect(() => verify(rawBody, { ...headersFor(currentSecret), 'x-webhook-signature': [signature, signature] })).toThrow(WebhookSignatureError);
  });

  it('rejects a signature that is not a base64 SHA-256 and a timestamp that is not a number', () => {
    expect(() => verify(rawBody, { ...headersFor(currentSecret), 'x-webhook-signature': 'abc' })).toThrow(/not a base64/);
    expect(() => verify(rawBody, { ...headersFor(currentSecret), 'x-webhook-timestamp': '2024-11-22' })).toThrow(/milliseconds/);
  });

  it('finds the headers whatever their case', () => {
    const headers = headersFor(currentSecret);
    expect(() => verify(rawBody, { 'X-Webhook-Signature': headers['x-webhook-signature'], 'X-Webhook-Timestamp': headers['x-webhook-timestamp'] })).not.toThrow();
  });

  it('rejects every webhook when no secret is configured', () => {
    expect(() => verify(rawBody, headersFor(currentSecret), [])).toThrow(/no Cashfree webhook secret/);
  });
});
