import { WebhookSignatureError } from '../port/provider.errors';
import { CashfreeAdapter } from './cashfree.adapter';
import { cashfreeSignature } from './cashfree-webhook.verifier';

const secret = 'cfsk_test_reader_0123456789';
const now = new Date('2024-11-22T18:26:40.000Z');
const adapter = new CashfreeAdapter({ appId: 'app', secretKey: secret, baseUrl: 'http://127.0.0.1:1/pg' }, { now: () => now });
const signed = (body: string, signingSecret = secret) => ({
  'x-webhook-signature': cashfreeSignature(signingSecret, String(now.getTime()), body),
  'x-webhook-timestamp': String(now.getTime()),
});
const parse = (body: string, signingSecret = secret) => () => adapter.parseWebhook(Buffer.from(body), signed(body, signingSecret));

describe('reading a verified Cashfree webhook', () => {
  it.each([
    ['a form-encoded body', 'type=PAYMENT_SUCCESS_WEBHOOK&data=1', 'WEBHOOK.MALFORMED_BODY', /not JSON/],
    ['an empty object', '{}', 'WEBHOOK.MISSING_FIELD', /no type/],
    ['a body without data', '{"type":"PAYMENT_SUCCESS_WEBHOOK"}', 'WEBHOOK.MISSING_FIELD', /no data/],
    ['a type that is a sentence', '{"type":"call 9876543210 now","data":{}}', 'WEBHOOK.INVALID_FIELD', /type is not an identifier/],
    ['arrays nested 10,000 deep', `${'['.repeat(10_000)}${']'.repeat(10_000)}`, 'WEBHOOK.TOO_DEEP', /more than 64 deep/],
  ])('refuses %s once its signature verified', (_what, body, code, message) => {
    expect(parse(body)).toThrow(expect.objectContaining({ name: 'WebhookPayloadError', code, message: expect.stringMatching(message) }));
  });

  it('checks the signature first: a forged body is a signature error whatever it holds', () => {
    expect(parse('{}', 'cfsk_test_forger_0123456789')).toThrow(WebhookSignatureError);
  });

  it('still acknowledges a well-formed webhook of a type it does not act on', () => {
    expect(parse('{"type":"SETTLEMENT_WEBHOOK","data":{"settlement":{}},"event_time":"2024-11-22T23:56:40+05:30"}')()).toMatchObject({ accepted: true, ignored: true });
  });
});
