import { redactDeep, redactText } from './redaction';

const KIB = 1024;
const hostileLength = 256 * KIB;
const repeated = (unit: string) => unit.repeat(Math.ceil(hostileLength / unit.length));

/**
 * Runs `work` so that jest's 5 s test timeout applies to it. jest never interrupts synchronous
 * code and would pass a test that blocked for a minute; waiting on a timer afterwards lets the
 * overdue timeout fire first. The hostile inputs take a backtracking pattern minutes.
 */
async function withinTestTimeout<T>(work: () => T): Promise<T> {
  const result = work();
  await new Promise((resolve) => setTimeout(resolve, 0));
  return result;
}

function nested(levels: number): unknown {
  let value: unknown = 'asha@example.com';
  for (let level = 0; level < levels; level += 1) value = level % 2 === 0 ? { inner: value } : [value];
  return value;
}

describe('redacting text', () => {
  it.each([
    ['card number 4242 4242 4242 4242 here', 'card number [REDACTED_PAN] here'],
    ['pan 4000056655665556', 'pan [REDACTED_PAN]'],
    ['dashed 5555-5555-5555-4444', 'dashed [REDACTED_PAN]'],
    ['pay to rahul.k@okhdfcbank now', 'pay to [REDACTED_VPA] now'],
    ['mail asha@example.co.in', 'mail [REDACTED_EMAIL]'],
    ['mail first_last@example.com.', 'mail [REDACTED_EMAIL].'],
    ['call +91 98765 43210', 'call [REDACTED_PHONE]'],
    ['call 9876543210', 'call [REDACTED_PHONE]'],
    ['call 919876543210', 'call [REDACTED_PHONE]'],
    ['call 91 98765 43210', 'call [REDACTED_PHONE]'],
    ['call 09876543210', 'call [REDACTED_PHONE]'],
    ['key sk_test_51Habc123 and whsec_abcDEF', 'key [REDACTED_KEY] and [REDACTED_SECRET]'],
    ['secret whsec_sandbox_0123456789abcdef', 'secret [REDACTED_SECRET]'],
    ['cashfree cfsk_test_sandbox_0123456789', 'cashfree [REDACTED_KEY]'],
    ['x-client-secret: cfsk_ma_prod_0a1b2c3d4e5f60718293a4b5c6d7e8f9_1a2b3c4d', 'x-client-secret: [REDACTED_KEY]'],
    ['cfsk_ma_test_9f8e7d6c5b4a39281706f5e4d3c2b1a0_7a6b5c4d rejected', '[REDACTED_KEY] rejected'],
    ['Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJl', 'Bearer [REDACTED_TOKEN]'],
  ])('redacts %p', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it.each([
    ['card 4242 4242 4242 4242 cvc 123', 'card [REDACTED_PAN] cvc [REDACTED_CVC]'],
    ['{"number":"4242424242424242","cvv":"123"}', '{"number":"[REDACTED_PAN]","cvv":"[REDACTED_CVC]"}'],
    ['Security Code: 1234', 'Security Code: [REDACTED_CVC]'],
    ['CVV2=987&exp=12/30', 'CVV2=[REDACTED_CVC]&exp=12/30'],
    ['card_cvc 321', 'card_cvc [REDACTED_CVC]'],
  ])('redacts the security code in %p', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('keeps order ids, amounts, provider ids, timestamps and the word cvc readable', () => {
    const text = 'order 7f1d2c9e-9a1b-4c1e-8e5f-0a1b2c3d4e5f paid 49900 INR via pi_3Nabc cf_payment 123456 at t=1732300000, cvc check pass';
    expect(redactText(text)).toBe(text);
  });

  it('leaves nothing of an address half-redacted when another address runs straight on from it', () => {
    expect(redactText('asha@example.co1rahul@okaxis and aa@bb-cc@dd')).toBe('[REDACTED_EMAIL] and [REDACTED_VPA]');
  });

  it('keeps a base64url word starting eyJ that is not dot-joined like a token', () => {
    expect(redactText('eyJhbGciOiJIUzI1NiJ9 and eyJhbGc.only-one-dot')).toBe('eyJhbGciOiJIUzI1NiJ9 and eyJhbGc.only-one-dot');
  });
});

describe('redacting objects', () => {
  it('replaces the values of secret-named keys and redacts nested strings', () => {
    const redacted = redactDeep({
      headers: { authorization: 'Bearer abc', 'stripe-signature': 't=1,v1=ff' },
      customer: { email: 'a@b.com', phone: '+91 98765 43210' },
      payment_method: { upi_id: 'someone@ybl', card: { number: '4242424242424242' } },
      amount: 49900,
    });
    expect(redacted).toEqual({
      headers: { authorization: '[REDACTED]', 'stripe-signature': '[REDACTED]' },
      customer: { email: '[REDACTED_EMAIL]', phone: '[REDACTED_PHONE]' },
      payment_method: { upi_id: '[REDACTED]', card: '[REDACTED]' },
      amount: 49900,
    });
  });

  it('replaces a card number given as a JSON number, and keeps amounts, ids and timestamps in seconds', () => {
    const redacted = redactDeep(JSON.parse('{"pan":4000056655665556,"long_pan":4000056655665556123,"digits":[5555555555554444],"amount":49900,"created":1733011260,"cf_payment_id":5114910}'));
    expect(redacted).toEqual({
      pan: '[REDACTED_PAN]', long_pan: '[REDACTED_PAN]', digits: ['[REDACTED_PAN]'], amount: 49900, created: 1733011260, cf_payment_id: 5114910,
    });
    expect(redactDeep({ pan: BigInt('4242424242424242') })).toEqual({ pan: '[REDACTED_PAN]' });
  });

  it('replaces the values of security-code keys whatever their spelling', () => {
    expect(redactDeep({ cvv: 123, card_cvc: '123', security_code: '1234', securityCode: 99, cvc2: '987' })).toEqual({
      cvv: '[REDACTED]', card_cvc: '[REDACTED]', security_code: '[REDACTED]', securityCode: '[REDACTED]', cvc2: '[REDACTED]',
    });
  });

  it('redacts the first 20 levels of a 100,000-level nesting and marks the rest as truncated', () => {
    const redacted = redactDeep(nested(100_000));
    const serialised = JSON.stringify(redacted);
    expect(serialised).toContain('"[TRUNCATED]"');
    expect(serialised.length).toBeLessThan(300);
    expect(serialised).not.toContain('asha@example.com');
  });

  it('redacts a webhook body nested 100,000 levels deep as parsed from JSON', () => {
    const raw = `${'{"a":['.repeat(50_000)}"4242424242424242"${']}'.repeat(50_000)}`;
    expect(JSON.stringify(redactDeep(JSON.parse(raw)))).toMatch(/^\{"a":\[\{"a":\[.*"\[TRUNCATED\]".*\]\}$/);
  });

  it('marks a reference back to an enclosing object instead of copying it again', () => {
    const order: Record<string, unknown> = { id: 'o-1', email: 'asha@example.com' };
    order.self = order;
    order.lines = [{ order }];
    expect(redactDeep(order)).toEqual({ id: 'o-1', email: '[REDACTED_EMAIL]', self: '[CIRCULAR]', lines: [{ order: '[CIRCULAR]' }] });
  });

  it('drops __proto__, constructor and prototype keys at any depth, leaving the copy a plain object', () => {
    const hostile = JSON.parse('{"__proto__":{"polluted":"asha@example.com"},"constructor":{"prototype":{"polluted":true}},"order":{"prototype":1,"id":"o-1"}}');
    const redacted = redactDeep(hostile) as Record<string, unknown>;
    expect(Object.getPrototypeOf(redacted)).toBe(Object.prototype);
    expect(Object.keys(redacted)).toEqual(['order']);
    expect(redacted).toEqual({ order: { id: 'o-1' } });
    expect(JSON.stringify(redacted)).toBe('{"order":{"id":"o-1"}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('copies an object met twice side by side, not through itself, in full both times', () => {
    const address = { email: 'asha@example.com' };
    expect(redactDeep({ billing: address, shipping: address })).toEqual({ billing: { email: '[REDACTED_EMAIL]' }, shipping: { email: '[REDACTED_EMAIL]' } });
  });
});

describe('redacting hostile input within the test timeout', () => {
  it.each([
    ['letters without an @', repeated('a')],
    ['a.a.a.', repeated('a.')],
    ['digits (too many for a card number)', repeated('4')],
    ['nines (too many for a phone number)', repeated('9')],
    ['91919191 (a country code that never ends)', repeated('91')],
    ['a@a@a@', repeated('a@')],
    ['an address domain that never ends in a top-level domain', `asha@${repeated('a.')}`],
    ['eyJ-eyJ- (a token that never gets its dots)', repeated('eyJ-')],
    ['cvc cvc cvc', repeated('cvc ')],
  ])('leaves 256 KiB of %s unchanged', async (_, text) => {
    const redacted = await withinTestTimeout(() => redactText(text));
    expect(redacted).toHaveLength(text.length);
    expect(redacted).not.toContain('[REDACTED');
  });

  it.each([
    ['digits and dashes', repeated('4-')],
    ['digits and spaces', repeated('4 ')],
  ])('redacts every card-number-long group in 256 KiB of %s', async (_, text) => {
    const redacted = await withinTestTimeout(() => redactText(text));
    expect(redacted).toMatch(/^(\[REDACTED_PAN\][ -]){100}/);
    expect(redacted).not.toMatch(/(\d[ -]){12}\d/);
  });

  it('redacts 256 KiB of addresses running into each other as one', async () => {
    await expect(withinTestTimeout(() => redactText(repeated('aa@bb-')))).resolves.toBe('[REDACTED_VPA]');
    await expect(withinTestTimeout(() => redactText(repeated('x@y.co1')))).resolves.toBe('[REDACTED_EMAIL]');
  });

  it('stores a 256 KiB webhook whose description is one run of letters, its email redacted', async () => {
    const raw = JSON.stringify({ type: 'invoice.paid', data: { object: { description: repeated('a'), customer_email: 'asha@example.com' } } });
    const stored = await withinTestTimeout(() => JSON.parse(JSON.stringify(redactDeep(JSON.parse(raw)))));
    expect(stored.data.object.customer_email).toBe('[REDACTED_EMAIL]');
    expect(stored.data.object.description).toHaveLength(hostileLength);
  });
});
