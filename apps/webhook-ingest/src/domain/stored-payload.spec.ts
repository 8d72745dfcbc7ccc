import { storedPayload } from './stored-payload';

describe('the stored copy of a webhook body', () => {
  it('redacts card numbers, security codes, emails, VPAs and phone numbers wherever they appear', () => {
    const stored = storedPayload({
      data: {
        payment: { payment_message: 'card 4111 1111 1111 1111 cvc 123 declined', payment_method: { upi: { upi_id: 'asha@okaxis' } } },
        customer_details: { customer_email: 'asha@example.com', customer_phone: '+91 98765 43210' },
      },
    });
    for (const personal of ['4111', 'cvc 123', 'asha@', '98765']) expect(stored).not.toContain(personal);
    expect(JSON.parse(stored)).toMatchObject({ data: { payment: { payment_message: 'card [REDACTED_PAN] cvc [REDACTED_CVC] declined' } } });
  });

  it('replaces what jsonb cannot hold, NUL and unpaired surrogates, in values and in keys', () => {
    const stored = storedPayload({ note: 'a\u0000b', ['k\u0000']: '\uD800x', pair: '\uD83D\uDE00' });
    expect(stored).not.toMatch(/\\u0000|\\ud800/i);
    expect(JSON.parse(stored)).toEqual({ note: 'a\uFFFDb', 'k\uFFFD': '\uFFFDx', pair: '\uD83D\uDE00' });
  });

  it('stores a body with a __proto__ key without touching any prototype', () => {
    expect(() => storedPayload(JSON.parse('{"__proto__":{"polluted":"yes"},"a":{"__proto__":null}}'))).not.toThrow();
    expect(({} as { polluted?: string }).polluted).toBeUndefined();
  });
});
