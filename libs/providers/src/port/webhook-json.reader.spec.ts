import { WebhookPayloadError } from './provider.errors';
import { MAX_WEBHOOK_JSON_DEPTH, nestsDeeperThan, readWebhookJson } from './webhook-json.reader';

const read = (body: string | Buffer) => () => readWebhookJson(Buffer.isBuffer(body) ? body : Buffer.from(body));
const refusedWith = (code: WebhookPayloadError['code']) => expect.objectContaining({ name: 'WebhookPayloadError', code });

describe('reading a verified webhook body', () => {
  it('reads a JSON object, whatever its nesting up to the limit', () => {
    const nested = `{"a":${'['.repeat(MAX_WEBHOOK_JSON_DEPTH - 1)}${']'.repeat(MAX_WEBHOOK_JSON_DEPTH - 1)}}`;
    expect(read(nested)()).toEqual({ a: expect.any(Array) });
    expect(read('{"type":"PAYMENT_SUCCESS_WEBHOOK","data":{}}')()).toEqual({ type: 'PAYMENT_SUCCESS_WEBHOOK', data: {} });
  });

  it('refuses arrays nested 10,000 deep before parsing them', () => {
    expect(read(`${'['.repeat(10_000)}${']'.repeat(10_000)}`)).toThrow(refusedWith('WEBHOOK.TOO_DEEP'));
    expect(read(`{"a":${'{"b":'.repeat(MAX_WEBHOOK_JSON_DEPTH)}1${'}'.repeat(MAX_WEBHOOK_JSON_DEPTH)}}`)).toThrow(refusedWith('WEBHOOK.TOO_DEEP'));
  });

  it('refuses a body nested too deep even when it is not JSON at all', () => {
    expect(read('['.repeat(200_000))).toThrow(refusedWith('WEBHOOK.TOO_DEEP'));
  });

  it.each([
    ['a form-encoded body', 'id=evt_1&type=payment_intent.succeeded'],
    ['truncated JSON', '{"id":"evt_1",'],
    ['an array', '[{"id":"evt_1"}]'],
    ['null', 'null'],
    ['a string', '"evt_1"'],
  ])('refuses %s as a malformed body', (_what, body) => {
    expect(read(body)).toThrow(refusedWith('WEBHOOK.MALFORMED_BODY'));
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(read(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]))).toThrow(/not UTF-8/);
  });
});

describe('measuring nesting without parsing', () => {
  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan('{"a":"[[[[\\"[[[["}', 2)).toBe(false);
    expect(nestsDeeperThan('{"a":[[1]]}', 2)).toBe(true);
    expect(nestsDeeperThan('{"a":[1],"b":[2],"c":{"d":3}}', 2)).toBe(false);
  });
});
